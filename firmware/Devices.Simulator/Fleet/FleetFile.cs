using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using Devices.Firmware.Core.Protocol;
using Devices.Firmware.Core.Security;

namespace Devices.Simulator.Fleet;

/// <summary>
/// A fleet file: the broker and the devices to simulate.
/// <code>
/// { "broker": { "host": "127.0.0.1", "port": 1883 },
///   "devices": [ { "id": "tent-1", "kind": "tent", "secret": "&lt;64 hex digits&gt;", "panel": "2.9" },
///                { "id": "label-1", "kind": "label", "secret": "..." } ] }
/// </code>
/// </summary>
public sealed class FleetFile
{
    public string Host { get; init; } = "127.0.0.1";
    public int Port { get; init; } = 1883;
    public IReadOnlyList<FleetDevice> Devices { get; init; } = [];

    public static FleetFile Load(string path)
    {
        if (!File.Exists(path)) throw new FleetFileException($"Fleet file '{path}' does not exist.");
        try { return Parse(File.ReadAllText(path)); }
        catch (JsonException e) { throw new FleetFileException($"Fleet file '{path}' is not valid JSON: {e.Message}"); }
    }

    public static FleetFile Parse(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        string host = "127.0.0.1";
        int port = 1883;
        if (root.TryGetProperty("broker", out var broker))
        {
            if (broker.TryGetProperty("host", out var h)) host = h.GetString() ?? host;
            if (broker.TryGetProperty("port", out var p) && (!p.TryGetInt32(out port) || port < 1 || port > 65535))
                throw new FleetFileException("broker.port must be a number from 1 to 65535.");
        }
        if (!root.TryGetProperty("devices", out var devices) || devices.ValueKind != JsonValueKind.Array)
            throw new FleetFileException("The fleet file needs a \"devices\" array.");
        var list = new List<FleetDevice>();
        int index = 0;
        foreach (var d in devices.EnumerateArray())
        {
            index++;
            string id = d.TryGetProperty("id", out var i) ? i.GetString() ?? "" : "";
            if (!DeviceId.IsValid(id)) throw new FleetFileException($"Device {index}: id '{id}' must be 1 to 32 characters of a-z, 0-9 and '-'.");
            string kindText = d.TryGetProperty("kind", out var k) ? k.GetString() ?? "" : "";
            DeviceKind kind = kindText switch
            {
                "tent" => DeviceKind.TableTent,
                "label" => DeviceKind.ShelfLabel,
                _ => throw new FleetFileException($"Device '{id}': kind must be \"tent\" or \"label\", not \"{kindText}\"."),
            };
            string secretHex = d.TryGetProperty("secret", out var s) ? s.GetString() ?? "" : "";
            byte[] secret;
            try { secret = Convert.FromHexString(secretHex); }
            catch (FormatException) { throw new FleetFileException($"Device '{id}': secret must be 64 hex digits."); }
            if (secret.Length != DeviceIdentity.SecretBytes) throw new FleetFileException($"Device '{id}': secret must be 64 hex digits (32 bytes).");
            string panel = d.TryGetProperty("panel", out var pn) ? pn.GetString() ?? "2.9" : "2.9";
            list.Add(new FleetDevice(new DeviceIdentity(id, secret), kind, panel));
        }
        return new FleetFile { Host = host, Port = port, Devices = list };
    }
}

/// <summary>A fleet file that cannot be used; the message says what to fix.</summary>
public sealed class FleetFileException(string message) : Exception(message);
