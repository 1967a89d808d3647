using System.CommandLine;
using SmartCity.Tools.Bundle;

// The city's bundle tool: make the signing key, sign configuration and model bundles, check a bundle as a device would.
var root = new RootCommand("SmartCity bundle tool: ECDSA P-256 signed configuration and model bundles for edge devices.")
{
    BundleCommands.KeyGen(),
    BundleCommands.Sign(),
    BundleCommands.Verify(),
};

return await root.Parse(args).InvokeAsync().ConfigureAwait(false);
