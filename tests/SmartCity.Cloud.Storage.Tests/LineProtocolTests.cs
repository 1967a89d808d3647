using SmartCity.Cloud.Storage.Influx;
using Xunit;

namespace SmartCity.Cloud.Storage.Tests;

public sealed class LineProtocolTests
{
    [Fact]
    public void Escapes_spaces_commas_equals_and_quotes_as_the_InfluxDB_docs_say()
    {
        string line = new LineProtocol()
            .Measurement("traffic count,x")
            .Tag("line name", "north, a=b")
            .Field("note", "say \"hi\" \\ bye")
            .Field("n=1", 3)
            .Timestamp(new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc))
            .ToString();
        Assert.Equal("traffic\\ count\\,x,line\\ name=north\\,\\ a\\=b note=\"say \\\"hi\\\" \\\\ bye\",n\\=1=3i 1735689600000", line);
    }

    [Fact]
    public void Leaves_out_empty_tags_and_separates_lines()
    {
        string text = new LineProtocol().Measurement("a").Tag("t", "").Field("v", 1.5).Measurement("b").Field("v", 2).ToString();
        Assert.Equal("a v=1.5\nb v=2i", text);
    }
}
