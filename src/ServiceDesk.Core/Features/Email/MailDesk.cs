using System.Globalization;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using ServiceDesk.Core.Abstractions;
using ServiceDesk.Core.Access;
using ServiceDesk.Core.Domain;
using ServiceDesk.Core.Domain.Email;
using ServiceDesk.Core.Domain.Tickets;
using ServiceDesk.Core.Features.Tickets;

namespace ServiceDesk.Core.Features.Email;

/// <summary>A received email as the desk lists it.</summary>
public sealed record MailView(long Id, string MessageId, string From, string? FromName, string Subject, string Text,
    DateTime ReceivedAt, InboundStatus Status, string? Note, string? TicketReference);

/// <summary>
/// Mail the desk must look at, newest first, a page at a time: Unmatched and Failed by default,
/// Automatic mail (and any other status) when asked for; filtered by sender, received date, and a
/// search of subject, sender, text and the reason it is listed.
/// </summary>
public sealed record ListMail(string? Status = null, string? From = null, string? Since = null, string? Until = null, string? Q = null,
    int? Page = null, int? PageSize = null) : IRequest<PagedList<MailView>>;

public sealed class ListMailValidator : AbstractValidator<ListMail>
{
    public ListMailValidator()
    {
        RuleFor(x => x.Status).Must(s => s is null || s.Split(',').All(TextRules.IsName<InboundStatus>))
            .WithMessage($"status must be one or more (comma-separated) of {TextRules.Names<InboundStatus>()}.");
        RuleFor(x => x.From).MaximumLength(320);
        RuleFor(x => x.Q).SearchWords();
        RuleFor(x => x.Since).Must(d => d is null || ListMailHandler.ParseDate(d) is not null).WithMessage("since must be a date (yyyy-mm-dd).");
        RuleFor(x => x.Until).Must(d => d is null || ListMailHandler.ParseDate(d) is not null).WithMessage("until must be a date (yyyy-mm-dd).");
        RuleFor(x => x.Page).GreaterThanOrEqualTo(1).When(x => x.Page is not null).WithMessage("page starts at 1.");
        RuleFor(x => x.PageSize).InclusiveBetween(1, 200).When(x => x.PageSize is not null).WithMessage("pageSize must be between 1 and 200.");
    }
}

public sealed class ListMailHandler(IServiceDeskDb db, ViewerLoader viewers) : IRequestHandler<ListMail, PagedList<MailView>>
{
    public static DateOnly? ParseDate(string value) =>
        DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    public async Task<PagedList<MailView>> Handle(ListMail request, CancellationToken ct)
    {
        MailAccess.EnsureAgent(await viewers.LoadAsync(ct));
        var statuses = request.Status is null
            ? [InboundStatus.Unmatched, InboundStatus.Failed]
            : request.Status.Split(',').Select(s => Enum.Parse<InboundStatus>(s.Trim(), true)).ToList();
        var mail = db.InboundMessages.AsNoTracking().Where(m => statuses.Contains(m.Status));
        if (!string.IsNullOrWhiteSpace(request.From))
        {
            var from = request.From.Trim().ToLowerInvariant();
            mail = mail.Where(m => m.FromAddress.Contains(from) || (m.FromName != null && m.FromName.ToLower().Contains(from)));
        }
        if (request.Since is { } since && ParseDate(since) is { } first)
        {
            var start = first.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            mail = mail.Where(m => m.ReceivedAt >= start);
        }
        if (request.Until is { } until && ParseDate(until) is { } last)
        {
            var end = last.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            mail = mail.Where(m => m.ReceivedAt < end);
        }
        if (!string.IsNullOrWhiteSpace(request.Q))
        {
            var q = request.Q.Trim().ToLowerInvariant();
            mail = mail.Where(m => m.Subject.ToLower().Contains(q) || m.FromAddress.Contains(q) || m.Text.ToLower().Contains(q)
                || (m.Note != null && m.Note.ToLower().Contains(q)));
        }
        var total = await mail.CountAsync(ct);
        var page = request.Page ?? 1;
        var size = request.PageSize ?? 50;
        var rows = await mail.OrderByDescending(m => m.ReceivedAt).ThenByDescending(m => m.Id).Skip((page - 1) * size).Take(size)
            .Select(m => new { m.Id, m.MessageId, m.FromAddress, m.FromName, m.Subject, m.Text, m.ReceivedAt, m.Status, m.Note, m.TicketId })
            .ToListAsync(ct);
        var items = rows.Select(m => new MailView(m.Id, m.MessageId, m.FromAddress, m.FromName, m.Subject, m.Text, m.ReceivedAt, m.Status, m.Note,
            m.TicketId is long t ? TicketReference.Format(t) : null)).ToList();
        return new PagedList<MailView>(items, total, page, size);
    }
}

/// <summary>An agent lets an unmatched or failed email go; it stays on record.</summary>
public sealed record DiscardMail(long Id) : IRequest<MailView>;

public sealed class DiscardMailHandler(IServiceDeskDb db, ViewerLoader viewers, TimeProvider time) : IRequestHandler<DiscardMail, MailView>
{
    public async Task<MailView> Handle(DiscardMail request, CancellationToken ct)
    {
        var viewer = await viewers.LoadAsync(ct);
        MailAccess.EnsureAgent(viewer);
        var message = await db.InboundMessages.FirstOrDefaultAsync(m => m.Id == request.Id, ct) ?? throw new NotFoundException($"Email {request.Id}");
        message.Discard(viewer.PersonId, time.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
        var m = await db.InboundMessages.AsNoTracking().FirstAsync(x => x.Id == request.Id, ct);
        return new MailView(m.Id, m.MessageId, m.FromAddress, m.FromName, m.Subject, m.Text, m.ReceivedAt, m.Status, m.Note,
            m.TicketId is long t ? TicketReference.Format(t) : null);
    }
}

/// <summary>An agent turns an unmatched email into a ticket for a council's requester.</summary>
public sealed record TicketFromMail(long Id, string? RequesterEmail, int? ServiceId, string? Impact, string? Urgency) : IRequest<TicketView>;

public sealed class TicketFromMailHandler(IServiceDeskDb db, ViewerLoader viewers, TimeProvider time, IMediator mediator) : IRequestHandler<TicketFromMail, TicketView>
{
    public async Task<TicketView> Handle(TicketFromMail request, CancellationToken ct)
    {
        var viewer = await viewers.LoadAsync(ct);
        MailAccess.EnsureAgent(viewer);
        if (string.IsNullOrWhiteSpace(request.RequesterEmail))
            throw new FieldException("requesterEmail", "Name the council requester the ticket is for (requesterEmail).");
        var now = time.GetUtcNow().UtcDateTime;
        TicketView view = null!;
        // The ticket and the message's new status commit together. The message is claimed first, so that
        // a second request for it (a double click, two agents) waits for this one and then finds it taken,
        // instead of raising a second ticket: the write lock on SQLite, the row lock on PostgreSQL.
        await db.InTransactionAsync(async () =>
        {
            var claimed = await db.InboundMessages
                .Where(m => m.Id == request.Id && (m.Status == InboundStatus.Unmatched || m.Status == InboundStatus.Failed))
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.DecidedAt, now), ct);
            var message = await db.InboundMessages.FirstOrDefaultAsync(m => m.Id == request.Id, ct) ?? throw new NotFoundException($"Email {request.Id}");
            if (claimed == 0)
                throw new ConflictException($"This email is already {message.Status}.");
            var serviceId = request.ServiceId
                ?? await db.Services.Where(s => s.Name == IngestEmailHandler.DefaultService).Select(s => (int?)s.Id).FirstOrDefaultAsync(ct);
            var title = string.IsNullOrWhiteSpace(message.Subject) ? "(no subject)" : message.Subject;
            view = await mediator.Send(new RaiseTicket("Incident", title.Length > TextRules.TitleMax ? title[..TextRules.TitleMax] : title,
                string.IsNullOrWhiteSpace(message.Text) ? "(The email had no text.)" : message.Text,
                serviceId, null, request.Impact ?? "Medium", request.Urgency ?? "Low", request.RequesterEmail, "Email"), ct);
            TicketReference.TryParse(view.Reference, out var ticketId);
            var ticket = await db.Tickets.FirstAsync(t => t.Id == ticketId, ct);
            message.TurnedIntoTicket(ticket, viewer.PersonId, now);
            await db.SaveChangesAsync(ct);
        }, ct);
        return view;
    }
}

/// <summary>
/// An agent adds an unmatched or failed email to an existing ticket as its requester's reply (a reply
/// from another address, or one the desk could not process).
/// </summary>
public sealed record AddMailToTicket(long Id, string? TicketReference) : IRequest<TicketView>;

public sealed class AddMailToTicketHandler(IServiceDeskDb db, ViewerLoader viewers, TicketWorkspace workspace) : IRequestHandler<AddMailToTicket, TicketView>
{
    public async Task<TicketView> Handle(AddMailToTicket request, CancellationToken ct)
    {
        var viewer = await viewers.LoadAsync(ct);
        MailAccess.EnsureAgent(viewer);
        if (string.IsNullOrWhiteSpace(request.TicketReference) || !TicketReference.TryParse(request.TicketReference.Trim(), out var ticketId))
            throw new FieldException("ticketReference", "Name the ticket to add the email to, e.g. SD-000042 (ticketReference).");
        var now = workspace.Now;
        TicketView view = null!;
        await db.InTransactionAsync(async () =>
        {
            // Claimed first, as when turning it into a ticket: a second request waits, then finds it taken.
            var claimed = await db.InboundMessages
                .Where(m => m.Id == request.Id && (m.Status == InboundStatus.Unmatched || m.Status == InboundStatus.Failed))
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.DecidedAt, now), ct);
            var message = await db.InboundMessages.FirstOrDefaultAsync(m => m.Id == request.Id, ct) ?? throw new NotFoundException($"Email {request.Id}");
            if (claimed == 0) throw new ConflictException($"This email is already {message.Status}.");
            var ticket = await db.Tickets.Include(t => t.Participants).Include(t => t.Clocks).Include(t => t.Requester)
                .FirstOrDefaultAsync(t => t.Id == ticketId, ct)
                ?? throw new FieldException("ticketReference", $"There is no ticket {TicketReference.Format(ticketId)}.");
            var text = string.IsNullOrWhiteSpace(message.Text) ? "(The email had no text.)" : message.Text.Trim();
            ticket.Comment(ticket.Requester!, text.Length > TextRules.CommentMax ? text[..TextRules.CommentMax] : text, isInternal: false, authorIsStaff: false, now);
            message.AddedTo(ticket, viewer.PersonId, now);
            view = await workspace.SaveAsync(viewer, ticket, ct);
        }, ct);
        return view;
    }
}

/// <summary>The original of a received email, whole, for desk staff.</summary>
public sealed record GetMailOriginal(long Id) : IRequest<(string FileName, byte[] Raw)>;

public sealed class GetMailOriginalHandler(IServiceDeskDb db, ViewerLoader viewers) : IRequestHandler<GetMailOriginal, (string FileName, byte[] Raw)>
{
    public async Task<(string FileName, byte[] Raw)> Handle(GetMailOriginal request, CancellationToken ct)
    {
        var viewer = await viewers.LoadAsync(ct);
        if (!viewer.Person.IsSharedIct) throw new NotFoundException($"Email {request.Id}");
        var raw = await db.InboundMessages.AsNoTracking().Where(m => m.Id == request.Id).Select(m => m.Raw).FirstOrDefaultAsync(ct)
            ?? throw new NotFoundException($"Email {request.Id}");
        return ($"email-{request.Id}.eml", raw);
    }
}

/// <summary>A file attached to a ticket the caller may see.</summary>
public sealed record GetAttachment(string Reference, long Id) : IRequest<(string FileName, string ContentType, byte[] Content)>;

public sealed class GetAttachmentHandler(IServiceDeskDb db, ViewerLoader viewers) : IRequestHandler<GetAttachment, (string FileName, string ContentType, byte[] Content)>
{
    public async Task<(string FileName, string ContentType, byte[] Content)> Handle(GetAttachment request, CancellationToken ct)
    {
        var viewer = await viewers.LoadAsync(ct);
        if (!TicketReference.TryParse(request.Reference, out var ticketId) || !await viewer.Visible(db.Tickets).AnyAsync(t => t.Id == ticketId, ct))
            throw new NotFoundException($"Ticket {request.Reference}");
        var file = await db.TicketAttachments.AsNoTracking().FirstOrDefaultAsync(a => a.Id == request.Id && a.TicketId == ticketId, ct)
            ?? throw new NotFoundException($"Attachment {request.Id}");
        return (file.FileName, file.ContentType, file.Content);
    }
}

internal static class MailAccess
{
    public static void EnsureAgent(Viewer viewer) => viewer.RequireSharedIct("The desk's mailbox is for shared ICT staff.");
}
