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

/// <summary>A service manager chooses the calendar of P1 and major incidents (null: 24×7); open tickets' clocks are recomputed.</summary>
public sealed record ChangeMajorIncidentCalendar(int? CalendarId) : IRequest<MajorIncidentCalendarView>;

public sealed class ChangeMajorIncidentCalendarHandler(IServiceDeskDb db, ViewerLoader viewers, IBackgroundWork background)
    : IRequestHandler<ChangeMajorIncidentCalendar, MajorIncidentCalendarView>
{
    public async Task<MajorIncidentCalendarView> Handle(ChangeMajorIncidentCalendar request, CancellationToken ct)
    {
        SlaAccess.EnsureServiceManager(await viewers.LoadAsync(ct));
        if (request.CalendarId is int id && !await db.Calendars.AnyAsync(c => c.Id == id, ct))
            throw new FieldException("calendarId", $"There is no calendar {id}; leave calendarId empty for 24×7.");
        var settings = await db.Partnership.FirstOrDefaultAsync(ct)
            ?? throw new ConflictException("The partnership is not set up yet.");
        settings.UseMajorIncidentCalendar(request.CalendarId);
        await db.SaveChangesAsync(ct);
        background.RecalculateOpenClocks();
        return await GetMajorIncidentCalendarHandler.ReadAsync(db, ct);
    }
}
