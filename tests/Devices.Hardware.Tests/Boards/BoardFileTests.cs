using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using Devices.Cli.Boards;
using NJsonSchema;

namespace Devices.Hardware.Tests.Boards;

public class BoardFileTests
{
    public static IEnumerable<object[]> Files() => Repo.BoardFiles.Select(f => new object[] { Path.GetFileName(f) });

    private static JsonSchema Schema() => JsonSchema.FromFileAsync(Path.Combine(Repo.Boards, "board.schema.json")).GetAwaiter().GetResult();

    private static ICollection<NJsonSchema.Validation.ValidationError> Validate(string json) => Schema().Validate(json);

    [Fact]
    public void TheRequiredBoardBuildsExist()
    {
        var boards = Repo.BoardFiles.Select(BoardFile.Load).ToList();
        Assert.Contains(boards, b => b.Device == "table-tent" && b.Mcu.Psram && b.Mcu.NanoffTarget.StartsWith("ESP32_PSRAM_REV", StringComparison.Ordinal)
            && b.Scanner?.Protocol == "gm65" && b.Power.Source == "usb" && (b.Panel.Size == "2.9" || b.Panel.Size == "4.2"));
        Assert.Contains(boards, b => b.Device == "shelf-label" && !b.Mcu.Psram && b.Power.Source == "battery" && b.Battery != null
            && (b.Panel.Size == "2.13" || b.Panel.Size == "2.9") && b.Panel.Controller == "SSD1680");
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void EveryBoardFileMatchesTheSchema(string name)
    {
        var errors = Validate(File.ReadAllText(Path.Combine(Repo.Boards, name)));
        Assert.True(errors.Count == 0, string.Join("\n", errors.Select(e => e.ToString())));
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void EveryBoardPassesThePinRules(string name)
    {
        var board = BoardFile.Load(Path.Combine(Repo.Boards, name));
        var errors = PinRules.Check(board).Where(p => p.IsError).Select(p => p.Message).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        Assert.Equal(Path.GetFileNameWithoutExtension(name), board.Id);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void PanelGeometryIsTheCoresPanel(string name)
    {
        var board = BoardFile.Load(Path.Combine(Repo.Boards, name));
        var panel = Devices.Firmware.Core.Drawing.Panel.Find(board.Panel.Size, board.Panel.Colors == "black-white-red");
        Assert.Equal(panel.Controller, board.Panel.Controller);
        Assert.Equal((panel.Width, panel.Height), (board.Panel.Width, board.Panel.Height));
    }

    // The schema must be able to fail: each mutation of a good board breaks one rule it states.
    [Theory]
    [InlineData("pins.spiMosi", "20", "GPIO20 does not exist")]
    [InlineData("pins.spiMosi", "\"23\"", "a pin is a number")]
    [InlineData("panel.size", "\"7.5\"", "unknown panel")]
    [InlineData("mcu.nanoffTarget", "\"ESP32_S3\"", "not an ESP32 target")]
    [InlineData("device", "\"kiosk\"", "unknown device")]
    [InlineData("power.source", "\"battery\"", "a table tent is USB powered")]
    [InlineData("strappingPins.2", "\"short\"", "a strapping note says why")]
    [InlineData("color", "\"red\"", "unknown property")]
    public void TheSchemaRejectsABrokenTableTent(string path, string value, string because)
    {
        var json = Mutate("table-tent-wrover-29.json", path, value);
        Assert.True(Validate(json).Count > 0, because);
    }

    [Theory]
    [InlineData("pins.scannerRx")]
    [InlineData("scanner")]
    public void TheSchemaRejectsATableTentWithoutItsScanner(string remove)
    {
        var node = JsonNode.Parse(File.ReadAllText(Path.Combine(Repo.Boards, "table-tent-wrover-29.json")))!.AsObject();
        var parts = remove.Split('.');
        (parts.Length == 1 ? node : node[parts[0]]!.AsObject()).Remove(parts[^1]);
        Assert.NotEmpty(Validate(node.ToJsonString()));
    }

    [Theory]
    [InlineData("battery")]
    [InlineData("pins.batteryAdc")]
    [InlineData("power.deepSleepMicroamps")]
    public void TheSchemaRejectsAShelfLabelWithoutItsBatteryFigures(string remove)
    {
        var node = JsonNode.Parse(File.ReadAllText(Path.Combine(Repo.Boards, "shelf-label-wroom-213.json")))!.AsObject();
        var parts = remove.Split('.');
        (parts.Length == 1 ? node : node[parts[0]]!.AsObject()).Remove(parts[^1]);
        Assert.NotEmpty(Validate(node.ToJsonString()));
    }

    internal static string Mutate(string file, string path, string jsonValue)
    {
        var node = JsonNode.Parse(File.ReadAllText(Path.Combine(Repo.Boards, file)))!.AsObject();
        var parts = path.Split('.');
        var parent = node;
        for (int i = 0; i < parts.Length - 1; i++) parent = parent[parts[i]]!.AsObject();
        parent[parts[^1]] = JsonNode.Parse(jsonValue);
        return node.ToJsonString();
    }
}
