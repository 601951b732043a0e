namespace ServiceDesk.Api.Tests;

/// <summary>
/// The rule for tests that need a real server from Debian's packages: on a developer's machine
/// without the package the test is skipped with a reason naming it; under CI (CI=true) nothing
/// may be skipped, so a missing part fails the run.
/// </summary>
public static class RealParts
{
    public static bool UnderCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static void Require(bool available, string debianPackage, string what)
    {
        if (available) return;
        var reason = $"{what} needs Debian's '{debianPackage}' package (apt-get install {debianPackage}).";
        if (UnderCi) Assert.Fail(reason + " CI must install it.");
        Assert.Skip(reason);
    }
}
