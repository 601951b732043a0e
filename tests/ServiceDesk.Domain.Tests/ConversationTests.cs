using ServiceDesk.Core.Domain;
using ServiceDesk.Core.Domain.Tickets;

namespace ServiceDesk.Domain.Tests;

public sealed class ConversationTests
{
    private static readonly DateTime Start = TestDesk.Monday0900;

    [Fact]
    public void A_public_reply_by_staff_sets_FirstRespondedAt_once()
    {
        var desk = new TestDesk();
        var ticket = desk.TicketIn(TicketStatus.Assigned, Start);
        var first = Start.AddMinutes(20);

        ticket.Comment(desk.Agent, "Could you try another USB-C cable?", isInternal: false, authorIsStaff: true, first);
        ticket.Comment(desk.OtherAgent, "Following up on the cable.", isInternal: false, authorIsStaff: true, first.AddHours(1));

        Assert.Equal(first, ticket.FirstRespondedAt);
        Assert.Equal(2, ticket.Comments.Count);
    }

    [Fact]
    public void An_internal_note_or_a_requesters_reply_is_not_a_first_response()
    {
        var desk = new TestDesk();
        var ticket = desk.TicketIn(TicketStatus.Assigned, Start);

        ticket.Comment(desk.Agent, "Probably the dock firmware.", isInternal: true, authorIsStaff: true, Start.AddMinutes(20));
        ticket.Comment(desk.SwaleRequester, "Any news?", isInternal: false, authorIsStaff: false, Start.AddMinutes(30));

        Assert.Null(ticket.FirstRespondedAt);
    }

    [Fact]
    public void A_requesters_public_reply_on_an_awaiting_customer_ticket_moves_it_to_in_progress()
    {
        var desk = new TestDesk();
        var ticket = desk.TicketIn(TicketStatus.AwaitingCustomer, Start);

        ticket.Comment(desk.SwaleRequester, "The new cable did not help.", isInternal: false, authorIsStaff: false, Start.AddHours(1));

        Assert.Equal(TicketStatus.InProgress, ticket.Status);
    }

    [Fact]
    public void A_staff_reply_on_an_awaiting_customer_ticket_keeps_it_awaiting_the_customer()
    {
        var desk = new TestDesk();
        var ticket = desk.TicketIn(TicketStatus.AwaitingCustomer, Start);

        ticket.Comment(desk.Agent, "A reminder: did the new cable help?", isInternal: false, authorIsStaff: true, Start.AddHours(1));

        Assert.Equal(TicketStatus.AwaitingCustomer, ticket.Status);
    }

    [Fact]
    public void An_internal_note_by_a_non_staff_author_is_forbidden()
    {
        var desk = new TestDesk();
        var ticket = desk.TicketIn(TicketStatus.InProgress, Start);
        var version = ticket.Version;

        Assert.Throws<ForbiddenException>(() =>
            ticket.Comment(desk.SwaleRequester, "Secret", isInternal: true, authorIsStaff: false, Start.AddHours(1)));

        Assert.Empty(ticket.Comments);
        Assert.Equal(version, ticket.Version);
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    [InlineData(true, false)]
    public void Any_comment_on_a_closed_ticket_is_a_conflict(bool isInternal, bool authorIsStaff)
    {
        var desk = new TestDesk();
        var ticket = desk.TicketIn(TicketStatus.Closed, Start);
        var version = ticket.Version;
        var author = authorIsStaff ? desk.Agent : desk.SwaleRequester;

        Assert.Throws<ConflictException>(() =>
            ticket.Comment(author, "One more thing", isInternal, authorIsStaff, Start.AddHours(1)));

        Assert.Empty(ticket.Comments);
        Assert.Equal(version, ticket.Version);
    }

    [Fact]
    public void A_comment_is_stored_trimmed_with_its_author_and_time()
    {
        var desk = new TestDesk();
        var ticket = desk.TicketIn(TicketStatus.Assigned, Start);
        var at = Start.AddMinutes(20);

        var comment = ticket.Comment(desk.Agent, "  Could you try another cable?  ", isInternal: false, authorIsStaff: true, at);

        Assert.Same(comment, Assert.Single(ticket.Comments));
        Assert.Equal(desk.Agent.Id, comment.AuthorId);
        Assert.Equal("Could you try another cable?", comment.Body);
        Assert.False(comment.IsInternal);
        Assert.Equal(at, comment.CreatedAt);
    }
}
