using System.CommandLine;
using Devices.Cli.Render;

namespace Devices.Cli;

public static class Program
{
    public static int Main(string[] args) => BuildRoot().Parse(args).Invoke();

    /// <summary>The whole command tree; tests invoke it in-process.</summary>
    public static RootCommand BuildRoot()
    {
        var root = new RootCommand("devices: render codes and screens, provision, flash and test table tents and shelf labels.");
        root.Subcommands.Add(RenderCommand.Build());
        root.Subcommands.Add(Simulate.SimulateCommand.Build());
        return root;
    }
}
