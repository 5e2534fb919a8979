using System;
using System.IO;
using FontGen;

namespace Devices.Firmware.Core.Tests.Text;

public class FontGeneratorTests
{
    [Fact]
    public void Regenerating_the_fonts_reproduces_the_committed_sources_byte_for_byte()
    {
        string temp = Path.Combine(Path.GetTempPath(), "fontgen-" + Guid.NewGuid().ToString("N"));
        try
        {
            var written = FontGenerator.Generate(FontGenerator.DefaultFontDirectory, RepositoryPaths.Supplement,
                FontGenerator.DefaultCopyrightFile, temp);
            Assert.Equal(6, written.Count);
            foreach (string name in written)
            {
                byte[] expected = File.ReadAllBytes(Path.Combine(RepositoryPaths.GeneratedFonts, name));
                byte[] actual = File.ReadAllBytes(Path.Combine(temp, name));
                Assert.True(expected.AsSpan().SequenceEqual(actual),
                    $"{name} differs from a fresh run: run dotnet run --project tools/FontGen -- --out firmware/Devices.Firmware.Core/Text/Fonts");
            }
            // Nothing generated is left uncommitted, and nothing committed is stale.
            Assert.Equal(written.Count, Directory.GetFiles(RepositoryPaths.GeneratedFonts).Length);
        }
        finally
        {
            if (Directory.Exists(temp)) Directory.Delete(temp, true);
        }
    }

    [Fact]
    public void A_supplement_glyph_that_Spleen_already_has_is_refused()
    {
        string temp = Path.GetTempFileName();
        try
        {
            File.WriteAllText(temp, "size 6x12\nchar U+0041\n" + string.Concat(System.Linq.Enumerable.Repeat("......\n", 12)));
            var supplement = SupplementFile.Load(temp)["6x12"];
            var psf = PsfFont.Load(Path.Combine(FontGenerator.DefaultFontDirectory, "spleen-6x12.psfu.gz"));
            var error = Assert.Throws<InvalidDataException>(() => FontGenerator.WriteSource(FontPlan.All[0], psf, supplement));
            Assert.Contains("U+0041", error.Message);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    [Fact]
    public void A_glyph_missing_from_Spleen_and_the_supplement_is_refused()
    {
        var psf = PsfFont.Load(Path.Combine(FontGenerator.DefaultFontDirectory, "spleen-6x12.psfu.gz"));
        var error = Assert.Throws<InvalidDataException>(() =>
            FontGenerator.WriteSource(FontPlan.All[0], psf, new System.Collections.Generic.SortedDictionary<int, byte[]>()));
        Assert.Contains("U+2026", error.Message); // the first missing code in sorted order
    }

    [Fact]
    public void The_licence_file_carries_the_upstream_BSD_2_clause_text()
    {
        string text = File.ReadAllText(Path.Combine(RepositoryPaths.GeneratedFonts, "LICENSE-Spleen.txt"));
        Assert.Contains("Frederic Cambus", text);
        Assert.Contains("Redistributions in binary form must reproduce the above copyright", text);
        Assert.Contains("POSSIBILITY OF SUCH DAMAGE.", text);
        Assert.DoesNotContain("GNU", text); // the Debian packaging stanza (GPL) is not the font's licence
    }
}
