using System.Net;

namespace ServiceDesk.Api.Tests.Security;

/// <summary>Inside a council, costs are for its approvers and shared ICT: a plain requester does not see them.</summary>
[Collection(DeskCollection.Name)]
public sealed class CouncilDataTests(SharedDesk desk)
{
    [Fact]
    public async Task A_plain_requester_cannot_read_their_councils_subscriptions_and_costs()
    {
        var alice = await desk.SignInAsync(Accounts.MaidstoneRequester);
        await alice.GetJsonAsync("/api/v1/councils/MBC/subscriptions", HttpStatusCode.NotFound);

        var david = await desk.SignInAsync(Accounts.MaidstoneApprover);
        await david.GetJsonAsync("/api/v1/councils/MBC/subscriptions");
        var rob = await desk.SignInAsync(Accounts.ServiceManager);
        await rob.GetJsonAsync("/api/v1/councils/MBC/subscriptions");
    }
}
