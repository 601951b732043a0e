using ServiceDesk.Core.Domain.Tickets;

namespace ServiceDesk.Domain.Tests;

/// <summary>The key an approval email carries: only the current one, before it expires, while the step waits.</summary>
public sealed class ApprovalEmailKeyTests
{
    private static readonly DateTime Now = new(2026, 11, 23, 10, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void The_current_key_decides_until_it_expires_and_never_a_guessed_or_replaced_one()
    {
        var step = new TicketApproval(ApprovalStage.Council, Now);
        Assert.False(step.AcceptsEmailKey(null, Now));

        var first = step.IssueEmailKey(Now.AddDays(14));
        Assert.Matches("^[A-Z2-9]{4}-[A-Z2-9]{4}$", first);
        Assert.True(step.AcceptsEmailKey(first, Now.AddDays(13)));
        Assert.True(step.AcceptsEmailKey(first.ToLowerInvariant(), Now));
        Assert.False(step.AcceptsEmailKey(first, Now.AddDays(14).AddSeconds(1)));
        Assert.False(step.AcceptsEmailKey("AAAA-BBBB", Now));
        Assert.DoesNotContain(first, step.EmailKeyHash);

        var second = step.IssueEmailKey(Now.AddDays(14));
        Assert.NotEqual(first, second);
        Assert.False(step.AcceptsEmailKey(first, Now));
        Assert.True(step.AcceptsEmailKey(second, Now));
    }
}
