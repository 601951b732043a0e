namespace ServiceDesk.Api.Tests;

/// <summary>Demo accounts used by the tests (the README lists them all).</summary>
public static class Accounts
{
    public const string MaidstoneRequester = "alice.turner@maidstone.example";
    public const string MaidstoneRequester2 = "ben.carter@maidstone.example";
    public const string MaidstoneApprover = "david.hughes@maidstone.example";
    public const string MaidstoneOnSite = "ellie.moss@maidstone.example";
    public const string SwaleRequester = "frank.green@swale.example";
    public const string SwaleRequester2 = "gemma.hall@swale.example";
    public const string SwaleApprover = "isla.james@swale.example";
    public const string SharedPost = "sam.reid@swale.example";
    public const string Agent = "priya.shah@sharedict.example";
    public const string Agent2 = "tom.okafor@sharedict.example";
    public const string Infrastructure = "dan.whitfield@sharedict.example";
    public const string ServiceManager = "rob.fairley@sharedict.example";
    public const string ProblemManager = "helen.marsh@sharedict.example";
    public const string TunbridgeWellsRequester = "kate.lewis@tunbridgewells.example";
}
