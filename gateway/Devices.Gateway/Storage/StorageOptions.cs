using System.ComponentModel.DataAnnotations;

namespace Devices.Gateway.Storage;

/// <summary>Configuration section "Storage".</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>Folder for the SQLite database and other state; created when missing.</summary>
    [Required]
    public string DataFolder { get; set; } = "data";

    /// <summary>Database file name inside <see cref="DataFolder"/>.</summary>
    [Required]
    public string DatabaseFile { get; set; } = "gateway.db";
}
