using System.Globalization;
using ServiceDesk.Core.Domain;
using ServiceDesk.Core.Domain.Sla;
using ServiceDesk.Core.Domain.Tickets;
using static ServiceDesk.Domain.Tests.ClockDesk;

namespace ServiceDesk.Domain.Tests;

/// <summary>
/// The SLA and OLA clocks of a ticket, driven through the domain methods with
/// <c>UpdateClocks</c> after every change. All instants are UTC; the comments give the London
/// wall-clock time (GMT in winter, BST = UTC+1 from the last Sunday of March to the last Sunday
/// of October). Unless said otherwise the calendar is the standard one, 08:30–17:00 Monday to
/// Friday, closed on England and Wales bank holidays (510 business minutes a day).
/// </summary>
public sealed class SlaClockTests
{
    // ---------------------------------------------------------------- due instants

    [Fact]
    public void A_P2_incident_raised_on_Friday_at_1630_is_due_on_Monday_at_1600_and_must_be_answered_by_Monday_0900()
    {
        // Friday 20 November 2026, 16:30 in London (GMT, so 16:30 UTC).
        var desk = new ClockDesk(Utc(2026, 11, 20, 16, 30));

        var ticket = desk.Raise(Impact.High, Urgency.Medium);

        Assert.Equal(Priority.P2, ticket.Priority);
        var response = Clock(ticket, ClockKind.Response);
        var resolution = Clock(ticket, ClockKind.Resolution);
        Assert.Equal(60, response.TargetMinutes);
        Assert.Equal(480, resolution.TargetMinutes);
        Assert.Equal(Utc(2026, 11, 20, 16, 30), resolution.StartedAt);
        // 1 business hour: 30 minutes on Friday, 30 from Monday 23 November's 08:30 opening.
        Assert.Equal(Utc(2026, 11, 23, 9, 0), response.DueAt);
        // 8 business hours: 30 minutes on Friday, 450 on Monday from 08:30, so 16:00.
        Assert.Equal(Utc(2026, 11, 23, 16, 0), resolution.DueAt);
        // Warnings at 75 %: 45 minutes (Monday 08:45) and 360 minutes (Monday 14:00).
        Assert.Equal(Utc(2026, 11, 23, 8, 45), response.WarnAt);
        Assert.Equal(Utc(2026, 11, 23, 14, 0), resolution.WarnAt);
        Assert.Equal(ClockState.Running, response.State);
        Assert.Equal(ClockState.Running, resolution.State);
    }

    [Fact]
    public void A_P2_incident_raised_on_the_Friday_before_a_bank_holiday_Monday_is_due_on_Tuesday_at_1600()
    {
        // Friday 22 May 2026, 16:30 BST = 15:30 UTC; Monday 25 May is the spring bank holiday.
        var desk = new ClockDesk(Utc(2026, 5, 22, 15, 30));

        var ticket = desk.Raise(Priority.P2);

        // Tuesday 26 May 09:00 BST = 08:00 UTC, and 16:00 BST = 15:00 UTC.
        Assert.Equal(Utc(2026, 5, 26, 8, 0), Clock(ticket, ClockKind.Response).DueAt);
        Assert.Equal(Utc(2026, 5, 26, 15, 0), Clock(ticket, ClockKind.Resolution).DueAt);
    }

    public static TheoryData<string, DateTime, Priority, DateTime, string, DateTime, string, int> ClockChanges => new()
    {
        // Friday 27 March 2026 16:30 GMT; the clocks go forward on Sunday 29 March, so Monday 30 March
        // 09:00 and 16:00 are BST.
        { "P2 over the March change", Utc(2026, 3, 27, 16, 30), Priority.P2,
            Utc(2026, 3, 30, 8, 0), "2026-03-30 09:00", Utc(2026, 3, 30, 15, 0), "2026-03-30 16:00", 1 },
        // Thursday 26 March 10:00 GMT; 3 business days (1,530 minutes): Thu 420, Fri 510, Mon 510,
        // Tue 31 March 90 → 10:00 BST = 09:00 UTC.
        { "P3 over the March change", Utc(2026, 3, 26, 10, 0), Priority.P3,
            Utc(2026, 3, 26, 14, 0), "2026-03-26 14:00", Utc(2026, 3, 31, 9, 0), "2026-03-31 10:00", 1 },
        // Sunday 29 March 00:30 GMT, half an hour before the clocks go forward: the clock starts at
        // Monday's 08:30 BST opening; 30 minutes → 09:00 BST, 4 hours → 12:30 BST.
        { "P1 raised in the night of the March change", Utc(2026, 3, 29, 0, 30), Priority.P1,
            Utc(2026, 3, 30, 8, 0), "2026-03-30 09:00", Utc(2026, 3, 30, 11, 30), "2026-03-30 12:30", 1 },
        // Friday 23 October 2026 16:30 BST = 15:30 UTC; the clocks go back on Sunday 25 October, so
        // Monday 26 October 09:00 and 16:00 are GMT.
        { "P2 over the October change", Utc(2026, 10, 23, 15, 30), Priority.P2,
            Utc(2026, 10, 26, 9, 0), "2026-10-26 09:00", Utc(2026, 10, 26, 16, 0), "2026-10-26 16:00", 0 },
        // Thursday 22 October 10:00 BST = 09:00 UTC; 4 hours → 14:00 BST; 3 business days → Tuesday
        // 27 October 10:00 GMT.
        { "P3 over the October change", Utc(2026, 10, 22, 9, 0), Priority.P3,
            Utc(2026, 10, 22, 13, 0), "2026-10-22 14:00", Utc(2026, 10, 27, 10, 0), "2026-10-27 10:00", 0 },
        // Sunday 25 October 00:30 UTC = 01:30 BST, the first of the two 01:30s that night: Monday
        // 26 October from 08:30 GMT.
        { "P1 raised in the repeated hour of the October change", Utc(2026, 10, 25, 0, 30), Priority.P1,
            Utc(2026, 10, 26, 9, 0), "2026-10-26 09:00", Utc(2026, 10, 26, 12, 30), "2026-10-26 12:30", 0 },
    };

    [Theory]
    [MemberData(nameof(ClockChanges))]
    public void Targets_across_a_clock_change_fall_at_the_right_London_time_and_offset(
        string because, DateTime raisedUtc, Priority priority,
        DateTime responseDueUtc, string responseDueLondon, DateTime resolutionDueUtc, string resolutionDueLondon, int offsetHours)
    {
        var desk = new ClockDesk(raisedUtc);

        var ticket = desk.Raise(priority);

        var response = Clock(ticket, ClockKind.Response).DueAt!.Value;
        var resolution = Clock(ticket, ClockKind.Resolution).DueAt!.Value;
        Assert.True(responseDueUtc == response, $"{because}: response due {responseDueUtc:O}, got {response:O}");
        Assert.True(resolutionDueUtc == resolution, $"{because}: resolution due {resolutionDueUtc:O}, got {resolution:O}");
        Assert.Equal(DateTimeKind.Utc, resolution.Kind);
        Assert.Equal(responseDueLondon, London(response).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture));
        Assert.Equal(resolutionDueLondon, London(resolution).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture));
        Assert.Equal(TimeSpan.FromHours(offsetHours), LondonOffset(resolution));
    }

    public static TheoryData<string, DateTime, DateTime, DateTime> ExtendedHours => new()
    {
        // Thursday 19 November 2026 18:00 GMT; due Friday 10:00 and Tuesday 24 November 18:00 GMT.
        { "winter", Utc(2026, 11, 19, 18, 0), Utc(2026, 11, 20, 10, 0), Utc(2026, 11, 24, 18, 0) },
        // Thursday 18 June 2026 18:00 BST = 17:00 UTC; due Friday 10:00 and Tuesday 23 June 18:00 BST.
        { "summer", Utc(2026, 6, 18, 17, 0), Utc(2026, 6, 19, 9, 0), Utc(2026, 6, 23, 17, 0) },
    };

    [Theory]
    [MemberData(nameof(ExtendedHours))]
    public void On_the_extended_hours_calendar_a_P3_raised_at_1800_on_Thursday_has_an_hour_that_day_and_36_hours_to_resolve(
        string season, DateTime raised, DateTime responseDueUtc, DateTime resolutionDueUtc)
    {
        var desk = new ClockDesk(raised, ExtendedCalendar());

        var ticket = desk.Raise(Priority.P3);

        Assert.Equal(720, desk.Calendar.MinutesPerDay);
        Assert.Equal(18, London(raised).Hour);
        Assert.Equal(DayOfWeek.Thursday, London(raised).DayOfWeek);
        // One business hour left that day, 18:00–19:00, whatever the season.
        Assert.Equal(60, desk.Calendar.BusinessMinutesBetween(raised, raised.AddHours(5)));
        var response = Clock(ticket, ClockKind.Response);
        var resolution = Clock(ticket, ClockKind.Resolution);
        Assert.Equal(4 * 60, response.TargetMinutes);
        Assert.Equal(36 * 60, resolution.TargetMinutes);
        Assert.Equal(2 * 720, Clock(ticket, ClockKind.OlaResolution).TargetMinutes);
        // Response: Thursday 60 + Friday 180 from 07:00 → Friday 10:00 London.
        Assert.True(responseDueUtc == response.DueAt, $"{season}: response due {response.DueAt:O}");
        // Resolution: Thursday 60, Friday 720, Monday 720, Tuesday 660 from 07:00 → Tuesday 18:00 London.
        Assert.True(resolutionDueUtc == resolution.DueAt, $"{season}: resolution due {resolution.DueAt:O}");
        Assert.Equal(18, London(resolution.DueAt!.Value).Hour);

        // At Friday's 07:00 opening only that hour has gone.
        desk.At(raised.AddHours(13));
        Assert.Empty(desk.Update(ticket));
        Assert.Equal(36 * 60 - 60, resolution.RemainingMinutes(desk.Now, desk.Calendar));
    }

    // ---------------------------------------------------------------- pausing and reopening

    [Fact]
    public void Awaiting_the_customer_over_a_weekend_pauses_the_clocks_and_the_requester_answer_resumes_them()
    {
        // Thursday 19 November 2026 10:00 GMT: a P3 incident (resolution 1,530 business minutes).
        var desk = new ClockDesk(Utc(2026, 11, 19, 10, 0));
        var ticket = desk.Raise(Priority.P3);
        desk.At(Utc(2026, 11, 19, 10, 5));
        Assert.Empty(desk.Take(ticket, desk.Desk.Agent));
        desk.At(Utc(2026, 11, 19, 10, 10));
        Assert.Empty(desk.ChangeStatus(ticket, TicketStatus.InProgress, desk.Desk.Agent));
        var resolution = Clock(ticket, ClockKind.Resolution);
        var olaResolution = Clock(ticket, ClockKind.OlaResolution);
        // Thu 420 + Fri 510 + Mon 510 + Tue 90 → Tuesday 24 November 10:00.
        Assert.Equal(Utc(2026, 11, 24, 10, 0), resolution.DueAt);
        // OLA: 2 days (1,020 minutes) → Monday 23 November 10:00.
        Assert.Equal(Utc(2026, 11, 23, 10, 0), olaResolution.DueAt);

        // Friday 20 November 14:00: the agent asks the requester a question.
        var pausedAt = Utc(2026, 11, 20, 14, 0);
        desk.At(pausedAt);
        Assert.Empty(desk.ChangeStatus(ticket, TicketStatus.AwaitingCustomer, desk.Desk.Agent));
        var (resolutionDue, olaDue) = (resolution.DueAt!.Value, olaResolution.DueAt!.Value);
        // Elapsed Thu 420 + Fri 330.
        var remaining = 1530 - 750;
        var olaRemaining = 1020 - 750;
        Assert.Equal(ClockState.Paused, resolution.State);
        Assert.Equal(ClockState.Paused, olaResolution.State);
        Assert.Equal(ClockState.Paused, ticket.SlaState);
        Assert.Null(ticket.NextClockEventAt);

        // While waiting — Friday evening, the weekend, Monday morning — nothing counts and nothing falls due,
        // not even the OLA's original due instant of Monday 10:00.
        foreach (var instant in new[] { pausedAt, Utc(2026, 11, 20, 16, 59), Utc(2026, 11, 21, 12, 0), Utc(2026, 11, 23, 9, 59) })
        {
            desk.At(instant);
            Assert.Empty(desk.Update(ticket));
            Assert.Equal(ClockState.Paused, resolution.State);
            Assert.Equal(remaining, resolution.RemainingMinutes(desk.Now, desk.Calendar));
            Assert.Equal(olaRemaining, olaResolution.RemainingMinutes(desk.Now, desk.Calendar));
        }

        // Monday 23 November 10:00: the requester answers, which hands the ticket back to the desk.
        var answeredAt = Utc(2026, 11, 23, 10, 0);
        desk.At(answeredAt);
        Assert.Empty(desk.Reply(ticket, desk.Desk.MaidstoneRequester, authorIsStaff: false));

        Assert.Equal(TicketStatus.InProgress, ticket.Status);
        // Friday 14:00–17:00 and Monday 08:30–10:00.
        var paused = desk.Calendar.BusinessMinutesBetween(pausedAt, answeredAt);
        Assert.Equal(180 + 90, paused);
        Assert.Equal(paused, resolution.PausedMinutes);
        Assert.Equal(paused, olaResolution.PausedMinutes);
        Assert.Equal(0, Clock(ticket, ClockKind.Response).PausedMinutes);
        Assert.Equal(paused, desk.Calendar.BusinessMinutesBetween(resolutionDue, resolution.DueAt!.Value));
        Assert.Equal(paused, desk.Calendar.BusinessMinutesBetween(olaDue, olaResolution.DueAt!.Value));
        Assert.Equal(Utc(2026, 11, 24, 14, 30), resolution.DueAt);
        Assert.Equal(Utc(2026, 11, 23, 14, 30), olaResolution.DueAt);
        Assert.Equal(ClockState.Running, resolution.State);
        Assert.Equal(ClockState.Running, ticket.SlaState);
        Assert.Equal(remaining, resolution.RemainingMinutes(desk.Now, desk.Calendar));

        // Counting again from the answer. The OLA's warning, due Friday 14:15 before the pause (765 of its
        // 1,020 minutes), now falls 270 business minutes later, on Monday at 10:15.
        desk.At(Utc(2026, 11, 23, 11, 0));
        var warning = Assert.Single(desk.Update(ticket));
        Assert.Same(olaResolution, warning.Clock);
        Assert.Equal(ClockAlertKind.Warning, warning.Kind);
        Assert.Equal(Utc(2026, 11, 23, 10, 15), warning.At);
        Assert.Equal(remaining - 60, resolution.RemainingMinutes(desk.Now, desk.Calendar));
        Assert.Equal(ClockState.Running, resolution.State);
    }

    [Fact]
    public void Reopening_runs_the_resolution_clock_again_without_the_time_it_sat_resolved()
    {
        // Monday 16 November 2026 10:00 GMT: a P3 incident.
        var desk = new ClockDesk(Utc(2026, 11, 16, 10, 0));
        var ticket = desk.Raise(Priority.P3);
        desk.At(Utc(2026, 11, 16, 10, 5));
        Assert.Empty(desk.Take(ticket, desk.Desk.Agent));
        Assert.Empty(desk.ChangeStatus(ticket, TicketStatus.InProgress, desk.Desk.Agent));
        var resolution = Clock(ticket, ClockKind.Resolution);
        // Mon 420 + Tue 510 + Wed 510 + Thu 90 → Thursday 19 November 10:00.
        Assert.Equal(Utc(2026, 11, 19, 10, 0), resolution.DueAt);

        // Tuesday 17 November 10:00: resolved after 420 + 90 = 510 business minutes.
        var resolvedAt = Utc(2026, 11, 17, 10, 0);
        desk.At(resolvedAt);
        Assert.Empty(desk.Resolve(ticket, desk.Desk.Agent));
        Assert.Equal(ClockState.Met, resolution.State);
        Assert.Equal(resolvedAt, resolution.MetAt);
        Assert.Equal(resolvedAt, resolution.StoppedAt);
        Assert.Equal(1530 - 510, resolution.RemainingMinutes(desk.Now, desk.Calendar));
        Assert.Null(ticket.NextClockEventAt);

        // Thursday 19 November 10:00, the old due instant: the requester reopens it.
        var reopenedAt = Utc(2026, 11, 19, 10, 0);
        desk.At(reopenedAt);
        Assert.Empty(desk.Reopen(ticket, desk.Desk.MaidstoneRequester));

        Assert.Same(resolution, Clock(ticket, ClockKind.Resolution));
        Assert.Single(ticket.Clocks, c => c.Kind == ClockKind.Resolution);
        Assert.Equal(ClockState.Running, resolution.State);
        Assert.Null(resolution.MetAt);
        Assert.Null(resolution.StoppedAt);
        Assert.Equal(Utc(2026, 11, 16, 10, 0), resolution.StartedAt);
        // The two days it sat resolved (Tue 420 + Wed 510 + Thu 90) do not count.
        Assert.Equal(1020, resolution.PausedMinutes);
        Assert.Equal(1530 - 510, resolution.RemainingMinutes(desk.Now, desk.Calendar));
        // Thursday 19 November 10:00 + 1,020 → Thu 420, Fri 510, Mon 23 November 90 → 10:00.
        Assert.Equal(Utc(2026, 11, 23, 10, 0), resolution.DueAt);
        // The response was made long ago and stays met.
        Assert.Equal(ClockState.Met, Clock(ticket, ClockKind.Response).State);

        // Resolved again at 12:00 the same Thursday: 120 more minutes used.
        desk.At(Utc(2026, 11, 19, 12, 0));
        Assert.Empty(desk.Resolve(ticket, desk.Desk.Agent));
        Assert.Equal(ClockState.Met, resolution.State);
        Assert.Equal(Utc(2026, 11, 19, 12, 0), resolution.MetAt);
        Assert.Equal(1530 - 510 - 120, resolution.RemainingMinutes(desk.Now, desk.Calendar));
    }

    // ---------------------------------------------------------------- priority changes

    [Fact]
    public void Raising_the_priority_recomputes_due_instants_from_the_original_start_keeping_paused_time()
    {
        // Monday 16 November 2026 09:00 GMT: a P4 incident (resolution 5 days = 2,550 minutes).
        var raisedAt = Utc(2026, 11, 16, 9, 0);
        var desk = new ClockDesk(raisedAt);
        var ticket = desk.Raise(Priority.P4);
        var resolution = Clock(ticket, ClockKind.Resolution);
        Assert.Equal(Utc(2026, 11, 23, 9, 0), resolution.DueAt);
        desk.At(Utc(2026, 11, 16, 9, 5));
        desk.Take(ticket, desk.Desk.Agent);
        // An hour awaiting the customer, 10:00–11:00.
        desk.At(Utc(2026, 11, 16, 10, 0));
        desk.ChangeStatus(ticket, TicketStatus.AwaitingCustomer, desk.Desk.Agent);
        desk.At(Utc(2026, 11, 16, 11, 0));
        desk.Reply(ticket, desk.Desk.MaidstoneRequester, authorIsStaff: false);
        Assert.Equal(60, resolution.PausedMinutes);
        Assert.Equal(Utc(2026, 11, 23, 10, 0), resolution.DueAt);

        // 14:00: it turns out to be a P2 (8 business hours).
        desk.At(Utc(2026, 11, 16, 14, 0));
        var alerts = desk.Reprioritise(ticket, Priority.P2, desk.Desk.Agent);

        Assert.Empty(alerts);
        Assert.Equal(Priority.P2, ticket.Priority);
        Assert.Same(resolution, Clock(ticket, ClockKind.Resolution));
        Assert.Equal(480, resolution.TargetMinutes);
        Assert.Equal(60, Clock(ticket, ClockKind.Response).TargetMinutes);
        Assert.Equal(raisedAt, resolution.StartedAt);
        Assert.Equal(60, resolution.PausedMinutes);
        // 09:00 + 480 + 60 paused: Monday 480 (to 17:00), Tuesday 60 → Tuesday 17 November 09:30.
        Assert.Equal(Utc(2026, 11, 17, 9, 30), resolution.DueAt);
        // 75 % of 480 = 360, + 60 → Monday 16:00.
        Assert.Equal(Utc(2026, 11, 16, 16, 0), resolution.WarnAt);
        Assert.Equal(ClockState.Running, resolution.State);
        Assert.Equal(resolution.DueAt, ticket.SlaDueAt);
    }

    [Fact]
    public void A_priority_change_whose_new_due_instant_has_passed_records_a_breach_at_that_instant()
    {
        // Monday 16 November 2026 09:00 GMT: a P4 incident, taken and worked by the desk at once.
        var raisedAt = Utc(2026, 11, 16, 9, 0);
        var desk = new ClockDesk(raisedAt);
        var ticket = desk.Raise(Priority.P4);
        desk.At(Utc(2026, 11, 16, 9, 5));
        desk.Take(ticket, desk.Desk.Agent);
        desk.At(Utc(2026, 11, 16, 9, 10));
        desk.ChangeStatus(ticket, TicketStatus.InProgress, desk.Desk.Agent);

        // Tuesday 17 November 10:00 it becomes a P1: 4 business hours from Monday 09:00 was Monday 13:00.
        var changedAt = Utc(2026, 11, 17, 10, 0);
        desk.At(changedAt);
        var alerts = desk.Reprioritise(ticket, Priority.P1, desk.Desk.Agent);

        var resolution = Clock(ticket, ClockKind.Resolution);
        var breach = Assert.Single(alerts, a => a.Clock == resolution);
        Assert.Equal(ClockAlertKind.Breach, breach.Kind);
        Assert.Equal(Utc(2026, 11, 16, 13, 0), breach.At);
        Assert.Equal(Utc(2026, 11, 16, 13, 0), resolution.DueAt);
        Assert.Equal(Utc(2026, 11, 16, 13, 0), resolution.BreachedAt);
        Assert.Equal(ClockState.Breached, resolution.State);
        Assert.Equal(ClockState.Breached, ticket.SlaState);
        // The group's OLA, now 3 hours, fell due at Monday 12:00.
        var olaBreach = Assert.Single(alerts, a => a.Clock.Kind == ClockKind.OlaResolution);
        Assert.Equal(ClockAlertKind.Breach, olaBreach.Kind);
        Assert.Equal(Utc(2026, 11, 16, 12, 0), olaBreach.At);
        // The desk took it within the P1's 30 minutes: the response stays met.
        Assert.Equal(ClockState.Met, Clock(ticket, ClockKind.Response).State);
        var entry = Assert.Single(ticket.History, h => h.Change == "SLA breach");
        Assert.Equal(changedAt, entry.At);
        Assert.Contains("2026-11-16 13:00", entry.To);

        // Seen again later, nothing more is recorded.
        desk.At(Utc(2026, 11, 17, 11, 0));
        Assert.Empty(desk.Update(ticket));
    }

    // ---------------------------------------------------------------- response

    [Fact]
    public void The_response_clock_stops_at_the_first_public_staff_reply_not_at_an_internal_note()
    {
        // Monday 16 November 2026 09:00 GMT: a P2 incident, to be answered within an hour.
        var desk = new ClockDesk(Utc(2026, 11, 16, 9, 0));
        var ticket = desk.Raise(Priority.P2);
        var response = Clock(ticket, ClockKind.Response);

        desk.At(Utc(2026, 11, 16, 9, 10));
        desk.Note(ticket, desk.Desk.Engineer);
        Assert.Equal(ClockState.Running, response.State);
        Assert.Null(response.StoppedAt);
        // The note is the group's first touch, which is what its OLA response measures.
        Assert.Equal(Utc(2026, 11, 16, 9, 10), Clock(ticket, ClockKind.OlaResponse).MetAt);

        // The requester adding detail is not a response either.
        desk.At(Utc(2026, 11, 16, 9, 20));
        desk.Reply(ticket, desk.Desk.MaidstoneRequester, authorIsStaff: false);
        Assert.Equal(ClockState.Running, response.State);

        desk.At(Utc(2026, 11, 16, 9, 40));
        desk.Reply(ticket, desk.Desk.Engineer, authorIsStaff: true);
        Assert.Equal(ClockState.Met, response.State);
        Assert.Equal(Utc(2026, 11, 16, 9, 40), response.MetAt);

        // Taking it afterwards does not move the response.
        desk.At(Utc(2026, 11, 16, 9, 50));
        desk.Take(ticket, desk.Desk.Agent);
        Assert.Equal(Utc(2026, 11, 16, 9, 40), response.MetAt);
        Assert.Equal(Utc(2026, 11, 16, 9, 40), response.StoppedAt);
    }

    [Fact]
    public void The_response_clock_stops_when_an_agent_takes_the_ticket_if_that_comes_first()
    {
        var desk = new ClockDesk(Utc(2026, 11, 16, 9, 0));
        var ticket = desk.Raise(Priority.P2);
        var response = Clock(ticket, ClockKind.Response);

        desk.At(Utc(2026, 11, 16, 9, 15));
        desk.Take(ticket, desk.Desk.Agent);
        Assert.Equal(ClockState.Met, response.State);
        Assert.Equal(Utc(2026, 11, 16, 9, 15), response.MetAt);

        desk.At(Utc(2026, 11, 16, 9, 40));
        desk.Reply(ticket, desk.Desk.Agent, authorIsStaff: true);
        Assert.Equal(Utc(2026, 11, 16, 9, 15), response.MetAt);
        Assert.Equal(Utc(2026, 11, 16, 9, 40), ticket.FirstRespondedAt);
    }

    // ---------------------------------------------------------------- OLA per assignment

    [Fact]
    public void A_new_resolver_group_ends_the_old_groups_OLA_clocks_and_starts_its_own_from_the_assignment()
    {
        // Monday 16 November 2026 09:00 GMT: a Swale P3 desktop incident, routed to Swale's on-site team.
        var raisedAt = Utc(2026, 11, 16, 9, 0);
        var desk = new ClockDesk(raisedAt);
        var ticket = desk.Raise(Priority.P3, desk.Desk.SwaleRequester);
        var swale = desk.Desk.SwaleOnSite.Id;
        var firstResponse = Clock(ticket, ClockKind.OlaResponse);
        var firstResolution = Clock(ticket, ClockKind.OlaResolution);
        Assert.Equal(swale, firstResponse.ResolverGroupId);
        Assert.Equal(swale, firstResolution.ResolverGroupId);
        Assert.Equal(raisedAt, firstResponse.StartedAt);
        Assert.Equal(120, firstResponse.TargetMinutes);
        Assert.Equal(1020, firstResolution.TargetMinutes);
        Assert.Equal(Utc(2026, 11, 16, 11, 0), firstResponse.DueAt);
        Assert.Equal(Utc(2026, 11, 18, 9, 0), firstResolution.DueAt);

        // 09:30: Swale's technician works it (an internal note).
        desk.At(Utc(2026, 11, 16, 9, 30));
        desk.Note(ticket, desk.Desk.SwaleTechnician);
        Assert.Equal(ClockState.Met, firstResponse.State);
        Assert.Equal(Utc(2026, 11, 16, 9, 30), firstResponse.MetAt);

        // 10:00: the desk hands it to the shared Service Desk group.
        var assignedAt = Utc(2026, 11, 16, 10, 0);
        desk.At(assignedAt);
        Assert.Empty(desk.Assign(ticket, desk.Desk.ServiceDeskGroup, desk.Desk.Engineer, desk.Desk.Agent));

        Assert.True(firstResponse.Ended);
        Assert.True(firstResolution.Ended);
        Assert.Contains(firstResponse, ticket.Clocks);
        Assert.Contains(firstResolution, ticket.Clocks);
        Assert.Equal(ClockState.Met, firstResponse.State);
        Assert.Equal(Utc(2026, 11, 16, 9, 30), firstResponse.MetAt);
        Assert.Equal(assignedAt, firstResolution.StoppedAt);

        var secondResponse = Clock(ticket, ClockKind.OlaResponse);
        var secondResolution = Clock(ticket, ClockKind.OlaResolution);
        Assert.NotSame(firstResponse, secondResponse);
        Assert.NotSame(firstResolution, secondResolution);
        Assert.Equal(desk.Desk.ServiceDeskGroup.Id, secondResponse.ResolverGroupId);
        Assert.Equal(desk.Desk.ServiceDeskGroup.Id, secondResolution.ResolverGroupId);
        Assert.Equal(assignedAt, secondResponse.StartedAt);
        Assert.Equal(assignedAt, secondResolution.StartedAt);
        Assert.Equal(Utc(2026, 11, 16, 12, 0), secondResponse.DueAt);
        Assert.Equal(Utc(2026, 11, 18, 10, 0), secondResolution.DueAt);
        Assert.Equal(ClockState.Running, secondResponse.State);
        Assert.Equal(4, ticket.Clocks.Count(c => c.IsOla));
        // The SLA clocks belong to the ticket, not the assignment.
        Assert.Equal(raisedAt, Clock(ticket, ClockKind.Resolution).StartedAt);
        Assert.Single(ticket.Clocks, c => c.Kind == ClockKind.Resolution);

        // 10:45: the new group's engineer replies.
        desk.At(Utc(2026, 11, 16, 10, 45));
        desk.Reply(ticket, desk.Desk.Engineer, authorIsStaff: true);
        Assert.Equal(Utc(2026, 11, 16, 10, 45), secondResponse.MetAt);
        Assert.Equal(Utc(2026, 11, 16, 9, 30), firstResponse.MetAt);
    }

    [Fact]
    public void A_group_that_never_worked_the_ticket_has_not_met_its_OLA_response_when_the_ticket_moves_on()
    {
        // Monday 16 November 2026 09:00 GMT: routed to Swale's on-site team, which never touches it.
        var desk = new ClockDesk(Utc(2026, 11, 16, 9, 0));
        var ticket = desk.Raise(Priority.P3, desk.Desk.SwaleRequester);
        var first = Clock(ticket, ClockKind.OlaResponse);

        // 10:00, within the group's 2-hour OLA response: the desk moves it to the Service Desk group.
        desk.At(Utc(2026, 11, 16, 10, 0));
        Assert.Empty(desk.Assign(ticket, desk.Desk.ServiceDeskGroup, null, desk.Desk.Agent));

        Assert.True(first.Ended);
        Assert.Null(first.MetAt);
        Assert.NotEqual(ClockState.Met, first.State);
    }

    [Fact]
    public void A_group_that_let_its_OLA_response_lapse_keeps_the_breach_when_the_ticket_moves_on()
    {
        var desk = new ClockDesk(Utc(2026, 11, 16, 9, 0));
        var ticket = desk.Raise(Priority.P3, desk.Desk.SwaleRequester);
        var first = Clock(ticket, ClockKind.OlaResponse);

        // 12:00, an hour after the group's OLA response fell due at 11:00.
        desk.At(Utc(2026, 11, 16, 12, 0));
        var alerts = desk.Assign(ticket, desk.Desk.ServiceDeskGroup, null, desk.Desk.Agent);

        var breach = Assert.Single(alerts, a => a.Clock == first && a.Kind == ClockAlertKind.Breach);
        Assert.Equal(Utc(2026, 11, 16, 11, 0), breach.At);
        Assert.True(first.Ended);
        Assert.Equal(ClockState.Breached, first.State);
        Assert.Null(first.MetAt);
        Assert.Equal(Utc(2026, 11, 16, 12, 0), Clock(ticket, ClockKind.OlaResponse).StartedAt);
    }

    // ---------------------------------------------------------------- warnings and breaches

    [Fact]
    public void A_warning_at_75_percent_and_a_breach_at_the_due_instant_are_each_recorded_once()
    {
        // Monday 16 November 2026 09:00 GMT: a P2 incident, resolution due 17:00, warning at 15:00.
        var desk = new ClockDesk(Utc(2026, 11, 16, 9, 0));
        var ticket = desk.Raise(Priority.P2);
        desk.At(Utc(2026, 11, 16, 9, 5));
        Assert.Empty(desk.Take(ticket, desk.Desk.Agent));
        Assert.Empty(desk.ChangeStatus(ticket, TicketStatus.InProgress, desk.Desk.Agent));
        // 13:00: on to Maidstone's on-site team, whose lead notes it at once, so that no OLA falls due
        // in what follows (its resolution warning comes on Tuesday at 09:00).
        desk.At(Utc(2026, 11, 16, 13, 0));
        Assert.Empty(desk.Assign(ticket, desk.Desk.MaidstoneOnSite, desk.Desk.OtherAgent, desk.Desk.Agent));
        desk.At(Utc(2026, 11, 16, 13, 10));
        Assert.Empty(desk.Note(ticket, desk.Desk.OtherAgent));
        var resolution = Clock(ticket, ClockKind.Resolution);
        Assert.Equal(Utc(2026, 11, 16, 15, 0), resolution.WarnAt);
        Assert.Equal(Utc(2026, 11, 16, 17, 0), resolution.DueAt);

        // 15:30, after the warning instant: one warning, stamped 15:00.
        desk.At(Utc(2026, 11, 16, 15, 30));
        var warning = Assert.Single(desk.Update(ticket));
        Assert.Same(resolution, warning.Clock);
        Assert.Equal(ClockAlertKind.Warning, warning.Kind);
        Assert.Equal(Utc(2026, 11, 16, 15, 0), warning.At);
        Assert.Equal(ClockState.Warning, resolution.State);
        Assert.Equal(Utc(2026, 11, 16, 15, 0), resolution.WarnedAt);
        Assert.Equal(ClockState.Warning, ticket.SlaState);

        // Again at the same instant, and later before the due instant: nothing more.
        Assert.Empty(desk.Update(ticket));
        desk.At(Utc(2026, 11, 16, 16, 0));
        Assert.Empty(desk.Update(ticket));
        desk.At(Utc(2026, 11, 16, 16, 59));
        Assert.Empty(desk.Update(ticket));
        Assert.Equal(ClockState.Warning, resolution.State);

        // 17:30: the breach, stamped with the instant it fell due, not when it was noticed.
        desk.At(Utc(2026, 11, 16, 17, 30));
        var breach = Assert.Single(desk.Update(ticket));
        Assert.Same(resolution, breach.Clock);
        Assert.Equal(ClockAlertKind.Breach, breach.Kind);
        Assert.Equal(Utc(2026, 11, 16, 17, 0), breach.At);
        Assert.Equal(resolution.DueAt, resolution.BreachedAt);
        Assert.Equal(ClockState.Breached, resolution.State);
        Assert.Equal(ClockState.Breached, ticket.SlaState);

        // Later calls record nothing more.
        Assert.Empty(desk.Update(ticket));
        desk.At(Utc(2026, 11, 16, 23, 0));
        Assert.Empty(desk.Update(ticket));
        desk.At(Utc(2026, 11, 17, 8, 45));
        Assert.Empty(desk.Update(ticket));

        var warnings = ticket.History.Where(h => h.Change == "SLA warning").ToList();
        var breaches = ticket.History.Where(h => h.Change == "SLA breach").ToList();
        Assert.StartsWith("resolution", Assert.Single(warnings).To);
        var breachEntry = Assert.Single(breaches);
        Assert.StartsWith("resolution", breachEntry.To);
        Assert.Contains("2026-11-16 17:00", breachEntry.To);
        Assert.DoesNotContain(ticket.History, h => h.Change.StartsWith("OLA", StringComparison.Ordinal));
    }

    [Fact]
    public void A_ticket_whose_clocks_have_all_stopped_records_no_alerts_however_far_time_moves()
    {
        // Monday 16 November 2026 09:00 GMT: a P3 incident, taken and resolved within the morning.
        var desk = new ClockDesk(Utc(2026, 11, 16, 9, 0));
        var ticket = desk.Raise(Priority.P3);
        desk.At(Utc(2026, 11, 16, 9, 5));
        desk.Take(ticket, desk.Desk.Agent);
        desk.At(Utc(2026, 11, 16, 9, 30));
        Assert.Empty(desk.ChangeStatus(ticket, TicketStatus.Resolved, desk.Desk.Agent));
        Assert.All(ticket.Clocks, c => Assert.Equal(ClockState.Met, c.State));
        var history = ticket.History.Count;

        foreach (var step in new[] { TimeSpan.FromHours(1), TimeSpan.FromDays(1), TimeSpan.FromDays(30), TimeSpan.FromDays(400) })
        {
            desk.Advance(step);
            Assert.Empty(desk.Update(ticket));
        }

        Assert.Equal(history, ticket.History.Count);
        Assert.All(ticket.Clocks, c => Assert.Equal(ClockState.Met, c.State));
        Assert.Null(ticket.NextClockEventAt);
        Assert.Empty(ticket.PendingAlertInstants());
    }

    // ---------------------------------------------------------------- priced requests

    [Fact]
    public void A_priced_service_request_has_pending_clocks_until_approval_and_then_runs_from_the_approval()
    {
        // Monday 16 November 2026 09:00 GMT: a Swale request for an additional monitor (enhanced tier).
        var desk = new ClockDesk(Utc(2026, 11, 16, 9, 0));
        var ticket = desk.Raise(Priority.P3, desk.Desk.SwaleRequester, service: desk.AdditionalMonitor, type: TicketType.ServiceRequest);

        Assert.True(desk.AdditionalMonitor.RequiresApproval);
        Assert.Null(ticket.ClocksStartAt);
        Assert.NotEmpty(ticket.Clocks);
        Assert.All(ticket.Clocks, c =>
        {
            Assert.Equal(ClockState.Pending, c.State);
            Assert.Null(c.StartedAt);
            Assert.Null(c.DueAt);
            Assert.Null(c.WarnAt);
        });
        Assert.Equal(ClockState.Pending, ticket.SlaState);
        Assert.Null(ticket.SlaDueAt);
        Assert.Null(ticket.NextClockEventAt);

        // Days pass waiting for the approver: nothing counts, nothing falls due.
        foreach (var instant in new[] { Utc(2026, 11, 16, 17, 0), Utc(2026, 11, 17, 12, 0), Utc(2026, 11, 18, 9, 59) })
        {
            desk.At(instant);
            Assert.Empty(desk.Update(ticket));
            Assert.All(ticket.Clocks, c => Assert.Null(c.DueAt));
        }

        // Wednesday 18 November 10:00: approved.
        var approvedAt = Utc(2026, 11, 18, 10, 0);
        desk.At(approvedAt);
        Assert.Empty(desk.Approve(ticket));

        Assert.Equal(approvedAt, ticket.ClocksStartAt);
        var response = Clock(ticket, ClockKind.Response);
        var resolution = Clock(ticket, ClockKind.Resolution);
        Assert.Equal(approvedAt, response.StartedAt);
        Assert.Equal(approvedAt, resolution.StartedAt);
        // 4 business hours → 14:00; 3 days: Wed 420, Thu 510, Fri 510, Mon 23 November 90 → 10:00.
        Assert.Equal(Utc(2026, 11, 18, 14, 0), response.DueAt);
        Assert.Equal(Utc(2026, 11, 23, 10, 0), resolution.DueAt);
        Assert.Equal(ClockState.Running, response.State);
        Assert.Equal(ClockState.Running, resolution.State);
        var olaResponse = Clock(ticket, ClockKind.OlaResponse);
        Assert.Equal(desk.Desk.ServiceDeskGroup.Id, olaResponse.ResolverGroupId);
        Assert.Equal(approvedAt, olaResponse.StartedAt);
        Assert.Equal(Utc(2026, 11, 18, 12, 0), olaResponse.DueAt);
        Assert.Equal(approvedAt, Clock(ticket, ClockKind.OlaResolution).StartedAt);
        Assert.Equal(ClockState.Running, ticket.SlaState);
        Assert.Equal(response.DueAt, ticket.SlaDueAt);
    }

    // ---------------------------------------------------------------- summaries

    [Fact]
    public void SlaDueAt_is_the_nearest_due_instant_of_a_running_SLA_clock_and_NextClockEventAt_clears_when_all_stop()
    {
        // Monday 16 November 2026 09:00 GMT: a P2 incident. SLA response due 10:00, resolution 17:00;
        // OLA response due 09:30 (warning 09:23), resolution 15:00 (warning 13:30).
        var desk = new ClockDesk(Utc(2026, 11, 16, 9, 0));
        var ticket = desk.Raise(Priority.P2);

        Assert.Equal(ClockState.Running, ticket.SlaState);
        // The OLA's 09:30 is nearer but is not an SLA due instant.
        Assert.Equal(Utc(2026, 11, 16, 10, 0), ticket.SlaDueAt);
        Assert.Equal(Utc(2026, 11, 16, 9, 23), ticket.NextClockEventAt);
        Assert.Equal(ticket.PendingAlertInstants().First(), ticket.NextClockEventAt);

        // 09:05: the desk replies, which answers both the requester and the group's OLA.
        desk.At(Utc(2026, 11, 16, 9, 5));
        Assert.Empty(desk.Reply(ticket, desk.Desk.Agent, authorIsStaff: true));
        Assert.Equal(Utc(2026, 11, 16, 17, 0), ticket.SlaDueAt);
        Assert.Equal(Utc(2026, 11, 16, 13, 30), ticket.NextClockEventAt);

        // 11:00: resolved; every clock has stopped.
        desk.At(Utc(2026, 11, 16, 11, 0));
        Assert.Empty(desk.Resolve(ticket, desk.Desk.Agent));
        Assert.Equal(ClockState.Met, ticket.SlaState);
        Assert.Null(ticket.SlaDueAt);
        Assert.Null(ticket.NextClockEventAt);
    }

    [Fact]
    public void A_breached_ticket_reads_as_breached_even_after_it_is_answered()
    {
        // Monday 16 November 2026 09:00 GMT: a P1 nobody touches. Response due 09:30, resolution 13:00;
        // OLA response 09:15, resolution 12:00 (warning 11:15).
        var desk = new ClockDesk(Utc(2026, 11, 16, 9, 0));
        var ticket = desk.Raise(Priority.P1);

        desk.At(Utc(2026, 11, 16, 10, 0));
        var alerts = desk.Update(ticket);

        Assert.Contains(alerts, a => a.Clock.Kind == ClockKind.Response && a.Kind == ClockAlertKind.Breach && a.At == Utc(2026, 11, 16, 9, 30));
        Assert.Contains(alerts, a => a.Clock.Kind == ClockKind.OlaResponse && a.Kind == ClockAlertKind.Breach && a.At == Utc(2026, 11, 16, 9, 15));
        Assert.Equal(ClockState.Breached, ticket.SlaState);
        Assert.Equal(Utc(2026, 11, 16, 9, 30), ticket.SlaDueAt);
        Assert.Equal(Utc(2026, 11, 16, 11, 15), ticket.NextClockEventAt);

        // A late reply stops the response clock but does not undo the breach.
        desk.At(Utc(2026, 11, 16, 10, 30));
        Assert.Empty(desk.Reply(ticket, desk.Desk.Agent, authorIsStaff: true));
        var response = Clock(ticket, ClockKind.Response);
        Assert.Equal(ClockState.Breached, response.State);
        Assert.Null(response.MetAt);
        Assert.Equal(ClockState.Breached, ticket.SlaState);
        Assert.Equal(Utc(2026, 11, 16, 13, 0), ticket.SlaDueAt);
    }
}
