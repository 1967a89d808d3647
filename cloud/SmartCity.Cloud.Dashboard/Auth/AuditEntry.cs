using System.Text.Json.Nodes;

namespace SmartCity.Cloud.Dashboard.Auth;

/// <summary>One configuration change: who, when, what, the value before and after.</summary>
/// <param name="Seq">Position in the log, from 1.</param>
/// <param name="Ts">When (UTC).</param>
/// <param name="User">Who (account name).</param>
/// <param name="Action">What kind of change, e.g. <c>alert-rule.create</c>, <c>device-config.save</c>, <c>account.create</c>.</param>
/// <param name="Target">What was changed, e.g. the rule id or the device id.</param>
/// <param name="Before">The value before (null for a creation).</param>
/// <param name="After">The value after (null for a deletion).</param>
/// <param name="Prev">Hash of the previous entry ("" for the first), so a rewritten or removed line breaks the chain.</param>
/// <param name="Hash">SHA-256 of this entry's fields and <paramref name="Prev"/>, hex.</param>
public sealed record AuditEntry(long Seq, DateTimeOffset Ts, string User, string Action, string Target, JsonNode? Before, JsonNode? After, string Prev, string Hash);
