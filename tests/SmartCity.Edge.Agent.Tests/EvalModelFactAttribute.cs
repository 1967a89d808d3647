using Xunit;

namespace SmartCity.Edge.Agent.Tests;

/// <summary>
/// A fact that needs a detection model for the accuracy harness: the bundled demo model
/// (<c>models/demo-traffic</c>) when it is there, else YOLOX-Nano from the shared real data. With neither the
/// test is skipped with that reason, except with CI=true, where it runs and fails, so CI cannot skip it silently.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class EvalModelFactAttribute : FactAttribute
{
    public EvalModelFactAttribute()
    {
        bool ci = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
        if (!ci && EvalTestPaths.Model is null)
        {
            Skip = $"Neither {EvalTestPaths.DemoModel} nor the shared YOLOX-Nano ({EvalTestPaths.YoloxOnnx}) is present (the shared real data sits beside the repository; see its README).";
        }
    }
}
