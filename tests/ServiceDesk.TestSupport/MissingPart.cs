namespace ServiceDesk.TestSupport;

/// <summary>
/// What to say when a real server from Debian's packages is not installed (docs/testing.md). Tests
/// skip with this reason on a developer's machine and fail under CI (CI=true); a benchmark stops.
/// </summary>
public static class MissingPart
{
    /// <summary>Under CI nothing may be missing: the run fails instead of skipping.</summary>
    public static bool UnderCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static string Reason(string debianPackage, string what) =>
        $"{what} needs Debian's '{debianPackage}' package (apt-get install {debianPackage}).";
}
