using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Devices.Cli.Boards;

/// <summary>A board build from hardware/boards/{id}.json (see board.schema.json for the meaning of each field).</summary>
public sealed class BoardFile
{
    public string Id { get; set; } = "";
    public string Name { get; set; } = "";
    public string Device { get; set; } = "";
    public McuSection Mcu { get; set; } = new();
    /// <summary>Role (e.g. "spiMosi") → GPIO number, in file order.</summary>
    public Dictionary<string, int> Pins { get; set; } = new();
    /// <summary>Strapping pin number (as text) → why its boot level is safe.</summary>
    public Dictionary<string, string> StrappingPins { get; set; } = new();
    public PanelSection Panel { get; set; } = new();
    public ScannerSection? Scanner { get; set; }
    public BatterySection? Battery { get; set; }
    public PowerSection Power { get; set; } = new();

    public bool IsShelfLabel => Device == "shelf-label";

    public sealed class McuSection
    {
        public string Module { get; set; } = "";
        public string Chip { get; set; } = "";
        public bool Psram { get; set; }
        public string NanoffTarget { get; set; } = "";
    }

    public sealed class PanelSection
    {
        public string Model { get; set; } = "";
        public string Controller { get; set; } = "";
        public string Size { get; set; } = "";
        public int Width { get; set; }
        public int Height { get; set; }
        public string Colors { get; set; } = "";
    }

    public sealed class ScannerSection
    {
        public string Model { get; set; } = "";
        public string Protocol { get; set; } = "";
        public string Uart { get; set; } = "";
        public int Baud { get; set; }
    }

    public sealed class BatterySection
    {
        public string Chemistry { get; set; } = "";
        public double CapacityMah { get; set; }
        public double DividerRatio { get; set; }
        public double DividerOhms { get; set; }
        public int EmptyMillivolts { get; set; }
        public int FullMillivolts { get; set; }
        public double SelfDischargePercentPerYear { get; set; }
    }

    public sealed class PowerSection
    {
        public string Source { get; set; } = "";
        public double SupplyVolts { get; set; }
        public double StandbyMilliamps { get; set; }
        public double ScanningMilliamps { get; set; }
        public double DeepSleepMicroamps { get; set; }
        public double WakeMilliampHours { get; set; }
        public int WakeMilliseconds { get; set; }
        public int DhcpWakeMilliseconds { get; set; }
        public double PanelRefreshMillijoules { get; set; }
        public double RailVolts { get; set; }
        public string Notes { get; set; } = "";
    }

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        ReadCommentHandling = JsonCommentHandling.Skip,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
    };

    /// <summary>Reads a board file; a BoardException says what is wrong with it.</summary>
    public static BoardFile Load(string path)
    {
        string text;
        try { text = File.ReadAllText(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new BoardException($"Cannot read board file {path}: {e.Message}");
        }
        try
        {
            return JsonSerializer.Deserialize<BoardFile>(text, Json) ?? throw new BoardException($"Board file {path} is empty.");
        }
        catch (JsonException e)
        {
            throw new BoardException($"Board file {path} is not valid: {e.Message}");
        }
    }
}

/// <summary>A board file or board name that cannot be used; the message is for the person at the keyboard.</summary>
public sealed class BoardException(string message) : Exception(message);
