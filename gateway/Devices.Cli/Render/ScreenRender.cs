using System;
using System.CommandLine;
using System.IO;
using Devices.Firmware.Core.Drawing;
using Devices.Firmware.Core.Layouts;
using Devices.Imaging;

namespace Devices.Cli.Render;

/// <summary>
/// <c>devices render label|tent</c>: a whole screen from a content file (docs/content-json.md), drawn by the same
/// Core layouts the devices run, so the file shows exactly what the panel will.
/// </summary>
public static class ScreenRender
{
    public static Command BuildLabel() => Build("label", "Draw a shelf label from a content file.", (panel, json, frame) =>
        new ShelfLabelLayout(panel).Render(ContentJson.ReadLabel(json), frame));

    public static Command BuildTent() => Build("tent", "Draw a table-tent screen from a content file.", (panel, json, frame) =>
        new TableTentLayout(panel).Render(ContentJson.ReadTent(json), frame));

    private static Command Build(string name, string description, Func<Panel, string, FrameBuffer, LayoutResult> render)
    {
        var panelSize = RenderCommand.TextOption("--panel", "Panel size: 2.13, 2.9 or 4.2.");
        var red = RenderCommand.FlagOption("--red", "A black/white/red panel (default black/white).");
        var content = RenderCommand.TextOption("--content", "JSON content file (see docs/content-json.md).");
        var output = RenderCommand.TextOption("--out", ImageOutput.OutDescription);
        var plain = RenderCommand.FlagOption("--pbm-plain", ImageOutput.PbmPlainDescription);
        var command = new Command(name, description) { panelSize, red, content, output, plain };
        RenderCommand.SetVerbAction(command, (result, stdout) =>
        {
            string size = RenderCommand.Required(result, panelSize);
            string contentPath = RenderCommand.Required(result, content);
            string path = RenderCommand.Required(result, output);
            bool pbmPlain = result.GetValue(plain);
            ImageOutput.CheckPath(path, pbmPlain);
            if (size != "2.13" && size != "2.9" && size != "4.2")
                throw new RenderException($"--panel must be 2.13, 2.9 or 4.2, not '{size}'");
            var panel = Panel.Find(size, result.GetValue(red));
            string json;
            try
            {
                json = File.ReadAllText(contentPath);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new RenderException($"cannot read {contentPath}: {e.Message}");
            }
            var frame = panel.CreateFrame();
            var outcome = render(panel, json, frame);
            ImageOutput.Write(path, new FrameImage(frame), pbmPlain);
            string code = outcome.CodeDrawn ? $", code at {outcome.ModulePixels} px/module" : ", no code";
            stdout.WriteLine($"wrote {Path.GetFileName(path)}: {size}\" {name} {frame.Width}×{frame.Height}{(panel.HasRed ? " red" : "")}{code}");
            // Drawn, but not everything: say what is missing without failing (the picture is still useful).
            if (outcome.HasProblem) result.InvocationConfiguration.Error.WriteLine("warning: " + outcome.Problem);
            return 0;
        });
        return command;
    }
}
