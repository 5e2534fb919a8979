using System;
using System.IO;
using System.Linq;
using Devices.Firmware.Core.Codes;

namespace Devices.Firmware.Core.Tests.Subset;

/// <summary>
/// The built Devices.Firmware.Core.dll must stay inside what nanoFramework 1.x can run: no generics, no
/// multidimensional arrays, and only types that nanoFramework's base libraries provide (AllowList.txt).
/// See docs/nanoframework-subset.md.
/// </summary>
public class SubsetTests
{
    [Fact]
    public void Core_assembly_stays_inside_the_nanoFramework_subset()
    {
        string core = typeof(BarPattern).Assembly.Location;
        var problems = SubsetChecker.Check(core, SubsetChecker.ReadAllowList(AllowListPath()));
        Assert.True(problems.Count == 0,
            "Devices.Firmware.Core uses what nanoFramework 1.x lacks (docs/nanoframework-subset.md says how to fix):" +
            Environment.NewLine + SubsetChecker.Describe(problems));
    }

    [Fact]
    public void Checker_reports_violations_in_an_assembly_that_has_them()
    {
        // This test assembly uses generics, LINQ, multidimensional arrays and desktop-only types freely,
        // so the same checker must find them; otherwise the test above would prove nothing.
        string tests = typeof(SubsetTests).Assembly.Location;
        var problems = SubsetChecker.Check(tests, SubsetChecker.ReadAllowList(AllowListPath()));
        string report = SubsetChecker.Describe(problems);

        Assert.Contains("generic definition: type parameter T", problems.Keys);
        Assert.Contains("Devices.Firmware.Core.Tests.Subset.SubsetTests+GenericBox`1", problems["generic definition: type parameter T"]);
        AssertReported(problems, "generic instantiation System.Collections.Generic.");
        AssertReported(problems, "generic method instantiation: System.Linq.Enumerable.");
        AssertReported(problems, "multidimensional array System.Int32[,]");
        Assert.Contains("System.Linq.Enumerable is not in nanoFramework's base libraries (allow-list)", problems.Keys);
        // Places name the method that uses the type.
        Assert.Contains("Devices.Firmware.Core.Tests.Subset.SubsetTests.Uses_a_multidimensional_array",
            problems["multidimensional array System.Int32[,] (use a jagged array or one flat array)"]);
        Assert.Contains("used in:", report, StringComparison.Ordinal);
    }

    [Fact]
    public void Allow_list_has_the_base_types_and_none_of_the_forbidden_ones()
    {
        var allowed = SubsetChecker.ReadAllowList(AllowListPath());
        foreach (var t in new[] { "System.Object", "System.String", "System.Collections.ArrayList", "System.Collections.Hashtable",
                     "System.Text.StringBuilder", "System.Text.Encoding", "System.Security.Cryptography.HMACSHA256", "System.IO.File" })
            Assert.Contains(t, allowed);
        foreach (var t in new[] { "System.Console", "System.BitConverter", "System.Threading.Tasks.Task", "System.Action`1", "System.Span`1" })
            Assert.DoesNotContain(t, allowed);
        Assert.DoesNotContain(allowed, t => t.Contains('`'));
    }

    private static void AssertReported(System.Collections.Generic.SortedDictionary<string, System.Collections.Generic.SortedSet<string>> problems, string start) =>
        Assert.True(problems.Keys.Any(k => k.StartsWith(start, StringComparison.Ordinal)),
            "expected a problem starting with '" + start + "' in:" + Environment.NewLine + SubsetChecker.Describe(problems));

    // Used only so the checker has a multidimensional array to find in this assembly.
    internal static int Uses_a_multidimensional_array()
    {
        var grid = new int[2, 2];
        grid[1, 1] = 3;
        return grid[1, 1];
    }

    // Used only so the checker has a generic definition to find in this assembly.
    internal sealed class GenericBox<T>
    {
        public T? Value { get; set; }
    }

    private static string AllowListPath()
    {
        // The list lives next to this file in the source tree; find it from the test's output folder.
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "tests", "Devices.Firmware.Core.Tests", "Subset", "AllowList.txt");
            if (File.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException("tests/Devices.Firmware.Core.Tests/Subset/AllowList.txt not found above " + AppContext.BaseDirectory);
    }
}
