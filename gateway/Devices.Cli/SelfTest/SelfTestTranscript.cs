using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace Devices.Cli.SelfTest;

/// <summary>One check of a self-test report.</summary>
public sealed record SelfTestLine(string Name, bool Passed, string Detail);

/// <summary>
/// Reads the self-test report a board prints on its serial console. Every report line starts with the marker
/// "DEVSELFTEST " and ends with '\n' (firmware/README.md, "Self-test report"):
/// <code>
/// DEVSELFTEST BEGIN {device-id} {firmware-version}
/// DEVSELFTEST PASS {check}: {detail}
/// DEVSELFTEST FAIL {check}: {detail}
/// DEVSELFTEST END {number of checks}
/// </code>
/// The marker is searched in the raw byte stream because the console also carries boot logs and, when
/// nanoFramework's debugger channel is active, binary wire-protocol packets around the text.
/// </summary>
public sealed class SelfTestTranscript
{
    public const string Marker = "DEVSELFTEST ";
    private const int MaxLine = 512;

    private readonly List<byte> _pending = new();
    private readonly List<SelfTestLine> _checks = new();

    public string? DeviceId { get; private set; }
    public string? FirmwareVersion { get; private set; }
    public IReadOnlyList<SelfTestLine> Checks => _checks;
    /// <summary>True once END arrived and its count equals the checks received.</summary>
    public bool IsComplete { get; private set; }
    /// <summary>Set when END's count disagrees with the checks received (a line was lost or garbled).</summary>
    public string? Problem { get; private set; }
    public bool AllPassed => IsComplete && _checks.Count > 0 && _checks.TrueForAll(c => c.Passed);

    public void Feed(byte[] data, int offset, int count)
    {
        for (int i = offset; i < offset + count; i++)
        {
            byte b = data[i];
            if (b == (byte)'\n')
            {
                TakeLine();
                _pending.Clear();
            }
            else if (_pending.Count < MaxLine)
            {
                _pending.Add(b);
            }
        }
    }

    public void Feed(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        Feed(bytes, 0, bytes.Length);
    }

    private void TakeLine()
    {
        var raw = Encoding.UTF8.GetString(_pending.ToArray());
        int at = raw.LastIndexOf(Marker, StringComparison.Ordinal);
        if (at < 0) return;
        var line = raw[(at + Marker.Length)..].TrimEnd('\r', ' ');
        int space = line.IndexOf(' ');
        var verb = space < 0 ? line : line[..space];
        var rest = space < 0 ? "" : line[(space + 1)..];
        switch (verb)
        {
            case "BEGIN":
                // A new report (the board was reset): forget a half-read one.
                _checks.Clear();
                IsComplete = false;
                Problem = null;
                var parts = rest.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries);
                DeviceId = parts.Length > 0 ? parts[0] : null;
                FirmwareVersion = parts.Length > 1 ? parts[1] : null;
                break;
            case "PASS":
            case "FAIL":
                int colon = rest.IndexOf(':');
                var name = (colon < 0 ? rest : rest[..colon]).Trim();
                var detail = colon < 0 ? "" : rest[(colon + 1)..].Trim();
                if (name.Length > 0 && !IsComplete) _checks.Add(new SelfTestLine(name, verb == "PASS", detail));
                break;
            case "END":
                if (int.TryParse(rest.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n == _checks.Count)
                {
                    IsComplete = true;
                }
                else
                {
                    Problem = $"the report announced {rest.Trim()} checks but {_checks.Count} arrived";
                }
                break;
        }
    }
}
