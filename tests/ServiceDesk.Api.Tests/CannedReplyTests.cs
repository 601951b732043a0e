using System.Net;
using System.Text.Json;

namespace ServiceDesk.Api.Tests;

/// <summary>Canned replies: kept by group leads and service managers, used by the desk on tickets with placeholders filled in.</summary>
[Collection(DeskCollection.Name)]
public sealed class CannedReplyTests(SharedDesk desk)
{
    private static int GroupId(JsonElement groups, string name) =>
        groups.EnumerateArray().First(g => g.Str("name") == name).GetProperty("id").GetInt32();

    [Fact]
    public async Task Leads_keep_their_groups_replies_service_managers_keep_all_and_requesters_see_none()
    {
        var rob = await desk.SignInAsync(Accounts.ServiceManager);
        var priya = await desk.SignInAsync(Accounts.Agent);
        var tom = await desk.SignInAsync(Accounts.Agent2);
        var ellie = await desk.SignInAsync(Accounts.MaidstoneOnSite);
        var alice = await desk.SignInAsync(Accounts.MaidstoneRequester);
        var groups = await rob.GetJsonAsync("/api/v1/resolver-groups");
        var serviceDesk = GroupId(groups, "Service Desk");
        var maidstoneOnSite = GroupId(groups, "Maidstone on-site desktop");

        // Partnership-wide: service managers only.
        await priya.PostJsonAsync("/api/v1/canned-replies", new { title = "Hello", body = "Hello {first name}" }, HttpStatusCode.Forbidden);
        var wide = await rob.PostJsonAsync("/api/v1/canned-replies",
            new { title = "Printer driver reinstalled", body = "Hello {first name}, the driver for {service} is reinstalled ({reference}). {agent}" }, HttpStatusCode.Created);

        // A group's: its lead (Priya leads the Service Desk), not a member (Tom), not another group's lead.
        var own = await priya.PostJsonAsync("/api/v1/canned-replies",
            new { title = "Screen sharing tip", body = "Try Win+K, {first name}.", resolverGroupId = serviceDesk }, HttpStatusCode.Created);
        await tom.PostJsonAsync("/api/v1/canned-replies", new { title = "x", body = "y", resolverGroupId = serviceDesk }, HttpStatusCode.Forbidden);
        await ellie.PostJsonAsync("/api/v1/canned-replies", new { title = "x", body = "y", resolverGroupId = serviceDesk }, HttpStatusCode.Forbidden);
        var onSite = await ellie.PostJsonAsync("/api/v1/canned-replies",
            new { title = "Visit booked", body = "We will visit your desk, {first name}.", resolverGroupId = maidstoneOnSite }, HttpStatusCode.Created);
        await tom.PutJsonAsync($"/api/v1/canned-replies/{own.GetProperty("id").GetInt32()}",
            new { title = "Changed", body = "Changed", resolverGroupId = serviceDesk }, HttpStatusCode.Forbidden);

        // Bad input: named fields, never a 500.
        var unknown = await rob.PostJsonAsync("/api/v1/canned-replies", new { title = "Bad", body = "Dear {surname}" }, HttpStatusCode.BadRequest);
        Assert.Contains("{surname} is not a placeholder", unknown.GetProperty("errors").GetProperty("body")[0].GetString());
        var empty = await rob.PostJsonAsync("/api/v1/canned-replies", new { title = "", body = "" }, HttpStatusCode.BadRequest);
        Assert.True(empty.GetProperty("errors").TryGetProperty("title", out _));

        // Requesters: canned replies do not exist for them.
        await alice.GetJsonAsync("/api/v1/canned-replies", HttpStatusCode.NotFound);

        // Ellie (a council group lead) sees the partnership's and her group's, not the Service Desk's own.
        var ellieSees = (await ellie.GetJsonAsync("/api/v1/canned-replies")).EnumerateArray().Select(r => r.Str("title")).ToList();
        Assert.Contains(wide.Str("title"), ellieSees);
        Assert.Contains(onSite.Str("title"), ellieSees);
        Assert.DoesNotContain(own.Str("title"), ellieSees);

        await rob.DeleteJsonAsync($"/api/v1/canned-replies/{onSite.GetProperty("id").GetInt32()}", HttpStatusCode.NoContent);
        Assert.DoesNotContain(onSite.Str("title"), (await rob.GetJsonAsync("/api/v1/canned-replies")).EnumerateArray().Select(r => r.Str("title")));
    }

    [Fact]
    public async Task A_reply_is_filled_in_for_the_ticket_and_counted_each_time_it_is_used()
    {
        var rob = await desk.SignInAsync(Accounts.ServiceManager);
        var priya = await desk.SignInAsync(Accounts.Agent);
        var alice = await desk.SignInAsync(Accounts.MaidstoneRequester);
        var catalogue = await alice.GetJsonAsync("/api/v1/catalogue");
        var accounts = catalogue.EnumerateArray().First(s => s.Str("name") == "Password and account access").GetProperty("id").GetInt32();
        var reference = await alice.RaiseAsync(accounts, "Locked out after the weekend");
        var reply = await rob.PostJsonAsync("/api/v1/canned-replies",
            new { title = $"Unlocked {Guid.NewGuid():N}"[..20], body = "Hello {First Name},\n\n{reference}: your {service} problem is fixed.\n\n{agent}" }, HttpStatusCode.Created);
        var id = reply.GetProperty("id").GetInt32();

        var usable = (await priya.GetJsonAsync($"/api/v1/canned-replies?ticket={reference}")).EnumerateArray().Select(r => r.GetProperty("id").GetInt32());
        Assert.Contains(id, usable);
        var filled = await priya.PostJsonAsync($"/api/v1/tickets/{reference}/canned-replies/{id}", null);
        Assert.Equal($"Hello Alice,\n\n{reference}: your Password and account access problem is fixed.\n\nPriya Shah", filled.Str("text"));
        await priya.PostJsonAsync($"/api/v1/tickets/{reference}/canned-replies/{id}", null);
        var counted = (await rob.GetJsonAsync("/api/v1/canned-replies")).EnumerateArray().Single(r => r.GetProperty("id").GetInt32() == id);
        Assert.Equal(2, counted.GetProperty("usageCount").GetInt32());

        // Only the desk fills replies, and only on tickets it may see.
        await alice.PostJsonAsync($"/api/v1/tickets/{reference}/canned-replies/{id}", null, HttpStatusCode.NotFound);
        await priya.PostJsonAsync($"/api/v1/tickets/SD-999999/canned-replies/{id}", null, HttpStatusCode.NotFound);
        await priya.PostJsonAsync($"/api/v1/tickets/{reference}/canned-replies/999999", null, HttpStatusCode.NotFound);
    }
}
