using SmartCity.Cloud.Dashboard.Fleet;
using Xunit;

namespace SmartCity.Cloud.Dashboard.Tests.Fleet;

public sealed class FleetModelCellTests
{
    [Theory]
    [InlineData("demo-traffic@1.0.0 sha256:94a226d82d3a15bcd7272dd5c0936d980df9d792cdbe0689df3bbd82a8e1c0ff", "demo-traffic@1.0.0 sha256:94a226d82d3a…")]
    [InlineData("demo-traffic 2", "demo-traffic 2")]
    [InlineData("m sha256:abc", "m sha256:abc")]
    [InlineData(null, "—")]
    [InlineData("", "—")]
    public void Model_cell_shortens_the_hash_and_keeps_everything_else(string? version, string shown) =>
        Assert.Equal(shown, FleetPage.ShortModel(version));
}
