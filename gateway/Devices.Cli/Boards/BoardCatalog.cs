using System;
using System.IO;
using System.Linq;

namespace Devices.Cli.Boards;

/// <summary>Finds board files: a path to a .json file, or a board id looked up in hardware/boards/.</summary>
public static class BoardCatalog
{
    /// <summary>The hardware/boards folder: DEVICES_BOARDS if set, else the first one found above the current directory or the tool.</summary>
    public static string? FindBoardsFolder()
    {
        var fromEnv = Environment.GetEnvironmentVariable("DEVICES_BOARDS");
        if (!string.IsNullOrEmpty(fromEnv)) return fromEnv;
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir != null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "hardware", "boards");
                if (Directory.Exists(candidate)) return candidate;
            }
        }
        return null;
    }

    /// <summary>Board ids available in a folder (file names without .json, schema excluded).</summary>
    public static string[] List(string folder) =>
        Directory.GetFiles(folder, "*.json")
            .Select(Path.GetFileNameWithoutExtension)
            .Where(n => n != null && !n.EndsWith(".schema", StringComparison.Ordinal))
            .Select(n => n!)
            .Order(StringComparer.Ordinal)
            .ToArray();

    /// <summary>Loads a board by id or path, and refuses one that breaks a pin rule.</summary>
    public static BoardFile Resolve(string board)
    {
        string path;
        if (board.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || board.Contains('/') || board.Contains('\\'))
        {
            path = board;
        }
        else
        {
            var folder = FindBoardsFolder()
                ?? throw new BoardException($"Board '{board}': no hardware/boards folder found. Run from the repository or set DEVICES_BOARDS.");
            path = Path.Combine(folder, board + ".json");
            if (!File.Exists(path))
            {
                throw new BoardException($"Unknown board '{board}'. Known boards: {string.Join(", ", List(folder))}.");
            }
        }
        if (!File.Exists(path)) throw new BoardException($"Board file {path} does not exist.");
        var file = BoardFile.Load(path);
        var problems = PinRules.Check(file).Where(p => p.IsError).ToArray();
        if (problems.Length > 0)
        {
            throw new BoardException($"Board {file.Id} has pin errors: " + string.Join("; ", problems.Select(p => p.Message)));
        }
        return file;
    }
}
