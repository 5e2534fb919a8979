using System.Collections.Generic;
using Devices.Firmware.Core.Content;
using Devices.Firmware.Core.Protocol;

namespace Devices.Gateway.Content;

/// <summary>Content checked against its device and encoded: the payload to sign and the hash of what it shows.</summary>
public sealed record PreparedContent(ContentKind Kind, byte[] Payload, byte[] PictureHash, IReadOnlyList<string> Warnings)
{
    public LabelContent? Label { get; init; }
    public TentContent? Tent { get; init; }
}
