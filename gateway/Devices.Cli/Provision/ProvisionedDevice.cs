namespace Devices.Cli.Provision;

/// <summary>A device identity: its id, kind, board and the 32-byte secret every key is derived from.</summary>
public sealed record ProvisionedDevice(string Id, string Kind, string Board, byte[] Secret);
