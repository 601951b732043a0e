using ServiceDesk.TestSupport;

namespace ServiceDesk.Api.Tests;

/// <summary>
/// The rule for tests that need a real server from Debian's packages: on a developer's machine
/// without the package the test is skipped with a reason naming it; under CI (CI=true) nothing
/// may be skipped, so a missing part fails the run.
/// </summary>
public static class RealParts
{
    public static void Require(bool available, string debianPackage, string what)
    {
        if (available) return;
        var reason = MissingPart.Reason(debianPackage, what);
        if (MissingPart.UnderCi) Assert.Fail(reason + " CI must install it.");
        Assert.Skip(reason);
    }
}
