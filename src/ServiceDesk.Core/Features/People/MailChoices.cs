using MediatR;
using Microsoft.EntityFrameworkCore;
using ServiceDesk.Core.Abstractions;
using ServiceDesk.Core.Access;
using ServiceDesk.Core.Domain;

namespace ServiceDesk.Core.Features.People;

/// <summary>
/// The optional emails about tickets the signed-in person receives (true: sent). Replies from the
/// desk, "waiting for your reply", the acknowledgement and the resolution always go.
/// </summary>
public sealed record MailChoicesView(bool Assigned, bool PriorityChanged, bool Closed);

/// <summary>The signed-in person's choice of optional emails.</summary>
public sealed record GetMailChoices : IRequest<MailChoicesView>;

/// <summary>The signed-in person turns optional emails on or off; a choice left out stays as it was.</summary>
public sealed record ChooseMail(bool? Assigned, bool? PriorityChanged, bool? Closed) : IRequest<MailChoicesView>;

public sealed class MailChoicesHandlers(IServiceDeskDb db, ViewerLoader viewers) : IRequestHandler<GetMailChoices, MailChoicesView>, IRequestHandler<ChooseMail, MailChoicesView>
{
    public async Task<MailChoicesView> Handle(GetMailChoices request, CancellationToken ct) => View((await viewers.LoadAsync(ct)).Person);

    public async Task<MailChoicesView> Handle(ChooseMail request, CancellationToken ct)
    {
        var me = (await viewers.LoadAsync(ct)).PersonId;
        var person = await db.People.FirstAsync(p => p.Id == me, ct);
        var off = person.MailTurnedOff;
        off = Turn(off, OptionalMail.Assigned, request.Assigned);
        off = Turn(off, OptionalMail.PriorityChanged, request.PriorityChanged);
        off = Turn(off, OptionalMail.Closed, request.Closed);
        person.ChooseOptionalMail(off);
        await db.SaveChangesAsync(ct);
        return View(person);
    }

    private static OptionalMail Turn(OptionalMail off, OptionalMail mail, bool? wanted) =>
        wanted switch { true => off & ~mail, false => off | mail, null => off };

    private static MailChoicesView View(Person person) =>
        new(person.Wants(OptionalMail.Assigned), person.Wants(OptionalMail.PriorityChanged), person.Wants(OptionalMail.Closed));
}
