using ServiceDesk.Core.Domain.Tickets;

namespace ServiceDesk.Domain.Tests;

public sealed class TicketReferenceTests
{
    [Fact]
    public void Format_pads_the_number_to_six_digits_after_SD() =>
        Assert.Equal("SD-000123", TicketReference.Format(123));

    [Theory]
    [InlineData("SD-000123", 123)]
    [InlineData("sd-5", 5)]
    public void TryParse_accepts_a_reference_in_any_case_with_or_without_padding(string reference, long expected)
    {
        Assert.True(TicketReference.TryParse(reference, out var number));
        Assert.Equal(expected, number);
    }

    [Theory]
    [InlineData("SD-")]
    [InlineData("SD-abc")]
    [InlineData("XX-1")]
    [InlineData("SD--1")]
    [InlineData(null)]
    public void TryParse_rejects_anything_that_is_not_SD_followed_by_digits(string? reference)
    {
        Assert.False(TicketReference.TryParse(reference, out var number));
        Assert.Equal(0, number);
    }

    [Fact]
    public void Format_and_TryParse_round_trip()
    {
        Assert.True(TicketReference.TryParse(TicketReference.Format(4567), out var number));
        Assert.Equal(4567, number);
    }
}
