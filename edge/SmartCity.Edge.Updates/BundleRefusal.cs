using System.Diagnostics.CodeAnalysis;

namespace SmartCity.Edge.Updates;

/// <summary>Why a device refused a bundle. Each has its own counter and its own line in the <c>cmd-result</c> message.</summary>
public enum BundleRefusal
{
    /// <summary>Not a readable bundle: not a zip, no manifest, manifest not valid or not canonical JSON, over a limit.</summary>
    Malformed,

    /// <summary>No signature (or an empty one).</summary>
    [SuppressMessage("Naming", "CA1720", Justification = "'unsigned' is the domain word for a bundle without signature.")]
    Unsigned,

    /// <summary>Signed by a key the device does not trust.</summary>
    UnknownKey,

    /// <summary>The signature does not match the manifest: the manifest or the signature was altered.</summary>
    BadSignature,

    /// <summary>A payload file is missing, altered (hash or size differs) or not listed in the manifest.</summary>
    FileMismatch,

    /// <summary>The version is not above the one installed (a replay or a downgrade).</summary>
    Replayed,

    /// <summary>The bundle does not list this device among its targets.</summary>
    WrongDevice,

    /// <summary>The bundle's expiry has passed.</summary>
    Expired,

    /// <summary>The bundle was created in the future (beyond the allowed clock skew): check the device clock.</summary>
    NotYetValid,

    /// <summary>The bundle is of another kind than the command asked for (a config sent as a model).</summary>
    WrongKind,
}

/// <summary>Wire names of <see cref="BundleRefusal"/>.</summary>
public static class BundleRefusals
{
    /// <summary>Every refusal, in declaration order.</summary>
    public static ReadOnlySpan<BundleRefusal> All =>
    [
        BundleRefusal.Malformed, BundleRefusal.Unsigned, BundleRefusal.UnknownKey, BundleRefusal.BadSignature,
        BundleRefusal.FileMismatch, BundleRefusal.Replayed, BundleRefusal.WrongDevice, BundleRefusal.Expired,
        BundleRefusal.NotYetValid, BundleRefusal.WrongKind,
    ];

    /// <summary>snake_case name, used as the first word of a refusal message and as a metric label.</summary>
    public static string ToName(this BundleRefusal refusal) => refusal switch
    {
        BundleRefusal.Malformed => "malformed",
        BundleRefusal.Unsigned => "unsigned",
        BundleRefusal.UnknownKey => "unknown_key",
        BundleRefusal.BadSignature => "bad_signature",
        BundleRefusal.FileMismatch => "file_mismatch",
        BundleRefusal.Replayed => "replayed",
        BundleRefusal.WrongDevice => "wrong_device",
        BundleRefusal.Expired => "expired",
        BundleRefusal.NotYetValid => "not_yet_valid",
        BundleRefusal.WrongKind => "wrong_kind",
        _ => throw new ArgumentOutOfRangeException(nameof(refusal), refusal, "Unknown refusal."),
    };
}
