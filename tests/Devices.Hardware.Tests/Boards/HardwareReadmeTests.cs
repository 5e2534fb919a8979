using System.IO;
using System.Linq;
using Devices.Cli.Boards;

namespace Devices.Hardware.Tests.Boards;

/// <summary>hardware/README.md's wiring tables are written by hand; they must say what the board files say.</summary>
public class HardwareReadmeTests
{
    [Fact]
    public void EveryBoardHasAWiringTableListingEachPin()
    {
        var readme = File.ReadAllText(Path.Combine(Repo.Root, "hardware", "README.md"));
        foreach (var file in Repo.BoardFiles)
        {
            var board = BoardFile.Load(file);
            int at = readme.IndexOf("### " + board.Id + "\n", System.StringComparison.Ordinal);
            Assert.True(at >= 0, $"hardware/README.md has no section '### {board.Id}'");
            int end = readme.IndexOf("\n### ", at + 4, System.StringComparison.Ordinal);
            var section = end < 0 ? readme[at..] : readme[at..end];
            var rows = section.Split('\n').Where(l => l.StartsWith('|')).ToArray();
            foreach (var (role, pin) in board.Pins)
            {
                Assert.True(rows.Any(r => r.Contains("`" + role + "`") && r.Contains("| GPIO" + pin + " |")),
                    $"{board.Id}: the wiring table has no row with `{role}` on GPIO{pin}");
            }
            int gpioRows = rows.Count(r => r.Contains("| GPIO"));
            Assert.Equal(board.Pins.Count, gpioRows);
        }
    }

    [Fact]
    public void TheBomHasAPartForEveryBoardsPanelScannerAndModule()
    {
        var bom = File.ReadAllText(Path.Combine(Repo.Root, "hardware", "bom.csv"));
        foreach (var file in Repo.BoardFiles)
        {
            var board = BoardFile.Load(file);
            Assert.Contains(board.Id, bom);
            Assert.Contains(board.Panel.Model, bom);
            if (board.Scanner != null) Assert.Contains(board.Scanner.Model, bom);
        }
    }
}
