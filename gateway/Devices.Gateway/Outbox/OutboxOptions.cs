using System;
using System.ComponentModel.DataAnnotations;

namespace Devices.Gateway.Outbox;

/// <summary>Configuration section "Outbox".</summary>
public sealed class OutboxOptions
{
    public const string Section = "Outbox";

    /// <summary>Most appends committed in one transaction.</summary>
    [Range(1, 100_000)]
    public int GroupCommitMaxRows { get; set; } = 1000;

    /// <summary>
    /// How long the writer waits for more appends after the first one before committing (0 = commit whatever is
    /// queued at once; appends arriving during a commit still join the next one).
    /// </summary>
    [Range(0, 100)]
    public int GroupCommitMaxDelayMs { get; set; } = 2;

    /// <summary>Delivered events are deleted this long after delivery. Dead letters are kept until re-sent.</summary>
    public TimeSpan DeliveredRetention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How often the retention service prunes.</summary>
    public TimeSpan PruneInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// What is done to scanned data before it is stored or relayed. Default Store (as scanned): scanned codes can
    /// be personal data, so choose Hash or Truncate when the backend does not need the full value.
    /// </summary>
    public ScanDataPrivacy DataPrivacy { get; set; } = ScanDataPrivacy.Store;

    /// <summary>Characters kept by <see cref="ScanDataPrivacy.Truncate"/> (then "…" is appended).</summary>
    [Range(0, 1024)]
    public int TruncateToChars { get; set; } = 8;

    /// <summary>
    /// Key for <see cref="ScanDataPrivacy.Hash"/> (base64, at least 16 bytes). Empty: a random key is created once
    /// and kept in the database, so equal codes keep equal hashes across restarts.
    /// </summary>
    public string HashKey { get; set; } = "";
}

/// <summary>What happens to scanned data before it is stored or relayed.</summary>
public enum ScanDataPrivacy
{
    /// <summary>Stored and relayed as scanned.</summary>
    Store,
    /// <summary>Replaced by the lowercase hex HMAC-SHA256 of the data under the gateway's hash key.</summary>
    Hash,
    /// <summary>Cut to the first <see cref="OutboxOptions.TruncateToChars"/> characters followed by "…".</summary>
    Truncate,
}
