using System.Text.Json;
using MediatR;
using Microsoft.EntityFrameworkCore;
using ServiceDesk.Core.Abstractions;
using ServiceDesk.Core.Access;
using ServiceDesk.Core.Domain;
using ServiceDesk.Core.Domain.Calendars;

namespace ServiceDesk.Core.Features.Sla;

/// <summary>The calendar P1 incidents and major incidents run on: a chosen business calendar, or 24×7 (calendarId null).</summary>
public sealed record MajorIncidentCalendarView(int? CalendarId, string Name);

/// <summary>The calendar P1 incidents and major incidents run on.</summary>
public sealed record GetMajorIncidentCalendar : IRequest<MajorIncidentCalendarView>;

public sealed class GetMajorIncidentCalendarHandler(IServiceDeskDb db, ViewerLoader viewers) : IRequestHandler<GetMajorIncidentCalendar, MajorIncidentCalendarView>
{
    public async Task<MajorIncidentCalendarView> Handle(GetMajorIncidentCalendar request, CancellationToken ct)
    {
        SlaAccess.EnsureStaff(await viewers.LoadAsync(ct));
        return await ReadAsync(db, ct);
    }

    internal static async Task<MajorIncidentCalendarView> ReadAsync(IServiceDeskDb db, CancellationToken ct)
    {
        var id = await db.Partnership.AsNoTracking().Select(p => p.MajorIncidentCalendarId).FirstOrDefaultAsync(ct);
        var name = id is int chosen ? await db.Calendars.AsNoTracking().Where(c => c.Id == chosen).Select(c => c.Name).FirstAsync(ct) : null;
        return new MajorIncidentCalendarView(id, name ?? BusinessCalendar.AroundTheClockName);
    }
}

/// <summary>
/// A service manager chooses the calendar of P1 and major incidents (null: 24×7); open tickets' clocks are
/// recomputed, and the change goes on the audit list.
/// </summary>
public sealed record ChangeMajorIncidentCalendar(int? CalendarId) : IRequest<MajorIncidentCalendarView>;

public sealed class ChangeMajorIncidentCalendarHandler(IServiceDeskDb db, ViewerLoader viewers, IBackgroundWork background, TimeProvider time)
    : IRequestHandler<ChangeMajorIncidentCalendar, MajorIncidentCalendarView>
{
    /// <summary>The field's name on the audit list.</summary>
    public const string AuditField = "Calendar of P1 and major incidents";

    public async Task<MajorIncidentCalendarView> Handle(ChangeMajorIncidentCalendar request, CancellationToken ct)
    {
        var viewer = await viewers.LoadAsync(ct);
        SlaAccess.EnsureServiceManager(viewer);
        if (request.CalendarId is int id && !await db.Calendars.AnyAsync(c => c.Id == id, ct))
            throw new FieldException("calendarId", $"There is no calendar {id}; leave calendarId empty for 24×7.");
        var settings = await db.Partnership.FirstOrDefaultAsync(ct)
            ?? throw new ConflictException("The partnership is not set up yet.");
        var before = await GetMajorIncidentCalendarHandler.ReadAsync(db, ct);
        if (before.CalendarId == request.CalendarId) return before;
        settings.UseMajorIncidentCalendar(request.CalendarId);
        var after = request.CalendarId is int chosen
            ? await db.Calendars.AsNoTracking().Where(c => c.Id == chosen).Select(c => c.Name).FirstAsync(ct)
            : BusinessCalendar.AroundTheClockName;
        // The setting lives on the partnership, which is not an audited thing of its own: its entry is written here.
        db.AuditEntries.Add(new AuditEntry(time.GetUtcNow().UtcDateTime, viewer.PersonId, viewer.Person.DisplayName, AuditAction.Changed,
            AuditedTypes.Partnership, settings.Name, $"{AuditField} changed from {before.Name} to {after}",
            JsonSerializer.Serialize(new Dictionary<string, string> { [AuditField] = before.Name }),
            JsonSerializer.Serialize(new Dictionary<string, string> { [AuditField] = after })));
        await db.SaveChangesAsync(ct);
        background.RecalculateOpenClocks();
        return await GetMajorIncidentCalendarHandler.ReadAsync(db, ct);
    }
}
