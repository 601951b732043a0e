namespace ServiceDesk.Api.Tests;

[Collection(DeskCollection.Name)]
public sealed class TicketLifecycleTests(SharedDesk desk)
{
    [Fact]
    public Task A_ticket_is_walked_from_report_to_closure_through_the_API_on_SQLite() => LifecycleScenario.RunAsync(desk);
}
