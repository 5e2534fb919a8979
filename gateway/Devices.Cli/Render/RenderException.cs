using System;

namespace Devices.Cli.Render;

/// <summary>A problem with the user's input or files: printed as one "error: ..." line, never as a stack trace.</summary>
public sealed class RenderException(string message) : Exception(message);
