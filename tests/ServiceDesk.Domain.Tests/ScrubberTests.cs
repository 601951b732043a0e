using ServiceDesk.Core.Features.Privacy;

namespace ServiceDesk.Domain.Tests;

/// <summary>What erasure and retention take out of free text: a person's name, address and phone number however written.</summary>
public sealed class ScrubberTests
{
    private static readonly Scrubber Alice = new([("Alice Turner", "alice.turner@maidstone.example", "01632 960987")], allAddresses: false);

    [Theory]
    [InlineData("Call 01632 960987 after 2.", "Call [phone removed] after 2.")]
    [InlineData("Call 01632960987.", "Call [phone removed].")]
    [InlineData("Call 01632-960-987.", "Call [phone removed].")]
    [InlineData("Call (01632) 960 987.", "Call ([phone removed].")]
    [InlineData("Call +44 1632 960987.", "Call [phone removed].")]
    [InlineData("Call +44 (0)1632 960987.", "Call [phone removed].")]
    [InlineData("Call +441632960987.", "Call [phone removed].")]
    [InlineData("Ref 101632960987 and 016329609871 stay.", "Ref 101632960987 and 016329609871 stay.")]
    [InlineData("Alice Turner (alice.turner@maidstone.example) rang.", "former member of staff ([email removed]) rang.")]
    public void Takes_out_the_persons_number_however_spaced_and_leaves_other_numbers(string text, string expected) =>
        Assert.Equal(expected, Alice.Scrub(text));

    [Fact]
    public void A_person_without_a_phone_number_is_scrubbed_of_name_and_address_only() =>
        Assert.Equal("[name removed] on 01632 960987", new Scrubber([("Alice Turner", "a@b.example", null)], allAddresses: false).Scrub("Alice on 01632 960987"));
}
