namespace Devices.Gateway.Demo;

/// <summary>Configuration section "Demo" (set by --demo).</summary>
public sealed class DemoOptions
{
    public const string Section = "Demo";

    public bool Enabled { get; set; }

    /// <summary>Simulated table tents and shelf labels.</summary>
    public int Tents { get; set; } = 4;
    public int Labels { get; set; } = 24;

    /// <summary>A simulated scan on one tent after another every this many milliseconds (0 = none).</summary>
    public int ScanEveryMs { get; set; } = 2000;
}
