using System;
using System.Text.RegularExpressions;

namespace Devices.Firmware.Core.Tests.Fakes;

/// <summary>The IStorage name rule, enforced by the doubles so that Core code using a bad name fails in tests.</summary>
public static class StorageNames
{
    private static readonly Regex Valid = new("^[A-Za-z0-9._-]{1,31}$");

    public static void Check(string name)
    {
        if (name is null || !Valid.IsMatch(name))
            throw new ArgumentException("storage name '" + name + "' breaks the IStorage rule: 1-31 of A-Z a-z 0-9 . - _", nameof(name));
    }
}
