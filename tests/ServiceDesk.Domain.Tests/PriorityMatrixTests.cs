using ServiceDesk.Core.Domain;

namespace ServiceDesk.Domain.Tests;

public sealed class PriorityMatrixTests
{
    [Theory]
    [InlineData(Impact.High, Urgency.High, Priority.P1)]
    [InlineData(Impact.High, Urgency.Medium, Priority.P2)]
    [InlineData(Impact.Medium, Urgency.High, Priority.P2)]
    [InlineData(Impact.High, Urgency.Low, Priority.P3)]
    [InlineData(Impact.Medium, Urgency.Medium, Priority.P3)]
    [InlineData(Impact.Low, Urgency.High, Priority.P3)]
    [InlineData(Impact.Medium, Urgency.Low, Priority.P4)]
    [InlineData(Impact.Low, Urgency.Medium, Priority.P4)]
    [InlineData(Impact.Low, Urgency.Low, Priority.P5)]
    public void Priority_follows_the_impact_by_urgency_matrix(Impact impact, Urgency urgency, Priority expected) =>
        Assert.Equal(expected, PriorityMatrix.For(impact, urgency));

    [Fact]
    public void P3_when_impact_is_medium_and_urgency_is_medium() =>
        Assert.Equal(Priority.P3, PriorityMatrix.For(Impact.Medium, Urgency.Medium));

    [Fact]
    public void Raised_ticket_takes_its_priority_from_the_matrix()
    {
        var desk = new TestDesk();

        var ticket = desk.Raise(TestDesk.Monday0900);

        Assert.Equal(Impact.Medium, ticket.Impact);
        Assert.Equal(Urgency.Medium, ticket.Urgency);
        Assert.Equal(Priority.P3, ticket.Priority);
    }
}
