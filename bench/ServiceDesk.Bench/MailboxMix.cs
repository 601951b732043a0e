using System.Globalization;
using System.Text;
using MimeKit;

/// <summary>A person who may write to the desk.</summary>
sealed record Correspondent(string Email, string Name, string? CouncilName);

/// <summary>A ticket already on the desk, and the mail the desk sent about it (which replies, out-of-office answers and bounces answer).</summary>
sealed record DeskThread(string Reference, string Title, Correspondent Requester, string? SentMessageId, string? SentSubject, DateTime SentAt);

/// <summary>What the mailbox is written against: the desk's address, the councils' staff and domains, and the desk's tickets.</summary>
sealed record DeskFacts(string DeskAddress, IReadOnlyList<(string Domain, string CouncilName)> Councils,
    IReadOnlyList<Correspondent> CouncilStaff, IReadOnlyList<Correspondent> SharedIctStaff, IReadOnlyList<DeskThread> Threads);

/// <summary>
/// A week of the desk's mailbox, generated from a seeded Random so that every run ingests the same mail:
/// new requests from the councils' staff (Outlook and Gmail HTML with text, plain text, Latin-1 and
/// quoted-printable, small attachments and inline logos) and from addresses in a council's domain the
/// desk has not met; replies threaded by In-Reply-To and by [SD-…] tag; out-of-office answers, delivery
/// reports, list mail, strangers outside every council, mail from shared ICT staff, and the odd message
/// a mail server delivered twice.
/// </summary>
sealed class MailboxMix(DeskFacts desk, int seed)
{
    public enum Kind
    {
        OutlookRequest, GmailRequest, PlainRequest, NewcomerRequest, Latin1Request, RequestWithAttachments,
        ReplyByInReplyTo, ReplyToDeskMail, ReplyByTag, OutOfOffice, Bounce, ListMail, Stranger, SharedIctMail, Duplicate,
    }

    /// <summary>Out of every 100 messages.</summary>
    private static readonly (Kind Kind, int Weight)[] Weights =
    [
        (Kind.OutlookRequest, 12), (Kind.GmailRequest, 8), (Kind.PlainRequest, 6), (Kind.NewcomerRequest, 8),
        (Kind.Latin1Request, 5), (Kind.RequestWithAttachments, 6),
        (Kind.ReplyByInReplyTo, 12), (Kind.ReplyToDeskMail, 8), (Kind.ReplyByTag, 8),
        (Kind.OutOfOffice, 6), (Kind.Bounce, 5), (Kind.ListMail, 6), (Kind.Stranger, 7), (Kind.SharedIctMail, 2), (Kind.Duplicate, 1),
    ];

    private static readonly (string Subject, string Body)[] Problems =
    [
        ("Printer on 2nd floor not printing", "The printer on the 2nd floor is showing Ready but nothing comes out. Three of us have tried since 8:30."),
        ("Can't log in to the planning system", "Since this morning the planning system says my licence has expired when I sign in."),
        ("Outlook keeps asking for my password", "Outlook prompts for my password every few minutes and then goes disconnected."),
        ("Laptop won't charge", "My laptop only charges when the cable is held at an angle. The battery is at 12%."),
        ("VPN drops every ten minutes", "Working from home today and the VPN disconnects roughly every ten minutes, losing my revenues session."),
        ("Teams has no sound", "Nobody can hear me in Teams calls. The headset works on my phone."),
        ("Need access to the housing shared mailbox", "I have moved to the housing options team and need access to the housing shared mailbox please."),
        ("Monitor flickering", "The left-hand monitor at my desk flickers and goes black for a second every few minutes."),
        ("Scan to email not arriving", "Scans from the reception copier are not reaching my inbox. It worked last week."),
        ("Excel crashes opening the budget workbook", "Excel closes without an error whenever I open the 2027/28 budget workbook from the finance share."),
        ("New starter next Monday", "We have a new planning officer starting next Monday. Please can they have an account, a laptop and access to Uniform."),
        ("Password expired while on leave", "I'm back from two weeks' leave and my password has expired. I can't get past the sign-in screen."),
        ("Contact centre phones not ringing", "Calls to the council tax line are queuing but none of the agents' phones ring."),
        ("OneDrive not syncing", "OneDrive shows a red cross and my files have not synced since Friday."),
        ("Wi-Fi very slow in the council chamber", "The staff Wi-Fi in the chamber is very slow; committee starts at 7pm and members need the papers."),
        ("Keyboard missing keys", "The E and R keys have come off my keyboard."),
        ("Restore a deleted folder", "A folder called 'Enforcement 2026' was deleted from the environmental health share yesterday afternoon."),
        ("Authenticator app on new phone", "I have a new phone and can't approve sign-ins any more."),
        ("Revenues system running slowly", "Account look-ups in the revenues system are taking over a minute each this morning."),
        ("Docking station not detecting monitors", "When I dock, both screens stay black. Undocked the laptop is fine."),
        ("Request a second monitor", "Could I have a second monitor for reconciliations? My manager has approved it."),
        ("Voicemail PIN reset", "I've forgotten my voicemail PIN. Extension 4123."),
        ("H: drive missing", "My H: drive hasn't appeared since I logged in this morning."),
        ("Adobe Acrobat licence for FOI redactions", "I need Acrobat Pro to redact documents for FOI responses. Who approves this?"),
    ];

    private static readonly string[] Replies =
    [
        "Thanks, that has fixed it.",
        "It's still happening this morning, the same error again.",
        "Yes, it's the Dell dock in room 2.14.",
        "Could someone call me on extension 4123 please? It's easier to show you.",
        "I've restarted as you suggested and it's no better.",
        "I'm in the office all day tomorrow if an engineer needs to come over.",
        "Sorry, I missed your call. I'm free after 2pm.",
        "It happened again at 09:40 – this time with error 0x80070005.",
        "Any update on this please? The team can't work without it.",
        "Great, thank you for your help.",
    ];

    private static readonly string[] FirstNames =
        ["Amelia", "Oliver", "Isla", "Harry", "Grace", "Jacob", "Freya", "Noah", "Ruby", "Leo", "Evie", "Arthur", "Poppy", "Alfie", "Rosie", "Theo"];

    private static readonly string[] LastNames =
        ["Smith", "Jones", "Taylor", "Brown", "Wilson", "Davies", "Evans", "Thomas", "Johnson", "Roberts", "Walker", "Wright", "Hall", "Clarke", "Baker", "Hughes"];

    private static readonly string[] Roles =
        ["Revenues & Benefits Officer", "Planning Officer", "Customer Services Adviser", "Environmental Health Officer", "Housing Options Officer",
         "Democratic Services Officer", "Finance Business Partner", "Waste Contract Manager", "Licensing Officer", "HR Adviser"];

    private readonly Random _random = new(seed);
    private readonly List<(MimeMessage Message, Correspondent From)> _ticketedRequests = [];
    private readonly List<MimeMessage> _recent = [];
    private readonly Dictionary<Kind, int> _counts = Enum.GetValues<Kind>().ToDictionary(k => k, _ => 0);

    /// <summary>How many messages of each kind were generated.</summary>
    public IReadOnlyDictionary<Kind, int> Counts => _counts;

    /// <summary>Total bytes of the generated messages as written to the mailbox.</summary>
    public long Bytes { get; private set; }

    /// <summary><paramref name="count"/> messages dated evenly (with jitter) from <paramref name="from"/> to <paramref name="to"/>, oldest first.</summary>
    public IEnumerable<MimeMessage> Generate(int count, DateTime from, DateTime to)
    {
        var step = (to - from) / Math.Max(1, count);
        for (var i = 0; i < count; i++)
        {
            var date = from + step * i + TimeSpan.FromSeconds(_random.Next(0, (int)Math.Max(1, step.TotalSeconds)));
            var kind = PickKind();
            var message = Make(kind, new DateTimeOffset(date, TimeSpan.Zero));
            _counts[kind]++;
            if (kind != Kind.Duplicate)
            {
                _recent.Add(message);
                if (_recent.Count > 50) _recent.RemoveAt(0);
            }
            Bytes += Size(message);
            yield return message;
        }
    }

    private Kind PickKind()
    {
        var roll = _random.Next(Weights.Sum(w => w.Weight));
        foreach (var (kind, weight) in Weights)
        {
            if (roll < weight) return kind;
            roll -= weight;
        }
        throw new InvalidOperationException("The weights do not add up.");
    }

    private MimeMessage Make(Kind kind, DateTimeOffset date) => kind switch
    {
        Kind.OutlookRequest => Request(Pick(desk.CouncilStaff), date, Style.Outlook),
        Kind.GmailRequest => Request(Pick(desk.CouncilStaff), date, Style.Gmail),
        Kind.PlainRequest => Request(Pick(desk.CouncilStaff), date, Style.Plain),
        Kind.NewcomerRequest => Request(Newcomer(), date, _random.Next(2) == 0 ? Style.Outlook : Style.Plain),
        Kind.Latin1Request => Request(Pick(desk.CouncilStaff), date, Style.Latin1),
        Kind.RequestWithAttachments => Request(Pick(desk.CouncilStaff), date, Style.Outlook, attachments: true),
        Kind.ReplyByInReplyTo => _ticketedRequests.Count == 0 ? Request(Pick(desk.CouncilStaff), date, Style.Plain) : ReplyToRequest(date),
        Kind.ReplyToDeskMail => ReplyToDeskMail(date),
        Kind.ReplyByTag => ReplyByTag(date),
        Kind.OutOfOffice => OutOfOffice(date),
        Kind.Bounce => Bounce(date),
        Kind.ListMail => ListMail(date),
        Kind.Stranger => Stranger(date),
        Kind.SharedIctMail => SharedIctMail(date),
        Kind.Duplicate => _recent.Count == 0 ? Stranger(date) : _recent[_random.Next(_recent.Count)],
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    private enum Style { Outlook, Gmail, Plain, Latin1 }

    // ---- New requests -------------------------------------------------------------------------

    private MimeMessage Request(Correspondent from, DateTimeOffset date, Style style, bool attachments = false)
    {
        var (subject, problem) = Problems[_random.Next(Problems.Length)];
        if (_random.Next(8) == 0) subject = "URGENT: " + subject;
        var message = Envelope(from, desk.DeskAddress, subject, date, style == Style.Gmail ? GmailId() : style == Style.Outlook ? OutlookId() : HostId(from.Email));
        // Colleagues copied in: usually of the same council (they follow the ticket), now and then of another.
        if (_random.Next(5) == 0)
        {
            var colleagues = desk.CouncilStaff.Where(c => c.Email != from.Email && (c.CouncilName == from.CouncilName) == (_random.Next(5) > 0)).ToList();
            if (colleagues.Count > 0)
            {
                var colleague = Pick(colleagues);
                message.Cc.Add(new MailboxAddress(colleague.Name, colleague.Email));
            }
        }
        var text = $"Hi,\n\n{problem}\n\n{Signature(from, style == Style.Gmail ? "Thanks," : "Kind regards")}";
        message.Body = style switch
        {
            Style.Outlook => Outlook(text, logo: attachments || _random.Next(3) == 0, files: attachments ? Files() : []),
            Style.Gmail => Gmail(text),
            Style.Latin1 => Latin1(from, problem),
            _ => new TextPart("plain") { Text = text },
        };
        if (style == Style.Outlook) message.Headers.Add("X-Mailer", "Microsoft Outlook 16.0");
        _ticketedRequests.Add((message, from));
        return message;
    }

    private Correspondent Newcomer()
    {
        // Sixteen by sixteen names in three domains: some newcomers write again, by then known to the desk.
        var (domain, council) = desk.Councils[_random.Next(desk.Councils.Count)];
        var first = FirstNames[_random.Next(FirstNames.Length)];
        var last = LastNames[_random.Next(LastNames.Length)];
        return new Correspondent($"{first}.{last}@{domain}".ToLowerInvariant(), $"{first} {last}", council);
    }

    private string Signature(Correspondent from, string signOff) =>
        $"{signOff}\n\n{from.Name}\n{Roles[from.Email.Sum(c => c) % Roles.Length]}\n{from.CouncilName}\n\n" +
        "This email and any attachments are intended for the addressee only and may contain confidential information.";

    private MimeEntity Outlook(string text, bool logo, IReadOnlyList<MimePart> files)
    {
        var html = "<html xmlns:o=\"urn:schemas-microsoft-com:office:office\"><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\">" +
            "<style>p.MsoNormal{margin:0cm;font-size:11.0pt;font-family:\"Calibri\",sans-serif;}</style></head><body lang=\"EN-GB\"><div class=\"WordSection1\">" +
            string.Concat(text.Split("\n\n").Select(p => $"<p class=\"MsoNormal\">{System.Net.WebUtility.HtmlEncode(p).Replace("\n", "<br>")}<o:p></o:p></p>")) +
            (logo ? "<p class=\"MsoNormal\"><img width=\"120\" height=\"40\" src=\"cid:image001.png@01DB3D2E.5A7C1F00\" alt=\"Council logo\"></p>" : "") +
            "</div></body></html>";
        var body = new BodyBuilder { TextBody = text, HtmlBody = html };
        if (logo)
        {
            var image = body.LinkedResources.Add("image001.png", RandomFile(Png, 2_000, 6_000), new ContentType("image", "png"));
            image.ContentId = "image001.png@01DB3D2E.5A7C1F00";
        }
        foreach (var file in files) body.Attachments.Add(file);
        return body.ToMessageBody();
    }

    private static MimeEntity Gmail(string text) =>
        new BodyBuilder
        {
            TextBody = text,
            HtmlBody = "<div dir=\"ltr\">" + string.Concat(text.Split("\n\n").Select(p => $"<div>{System.Net.WebUtility.HtmlEncode(p).Replace("\n", "<br>")}</div><div><br></div>")) + "</div>",
        }.ToMessageBody();

    /// <summary>Older council systems and mail clients: ISO-8859-1 or UTF-8 text, quoted-printable.</summary>
    private MimeEntity Latin1(Correspondent from, string problem)
    {
        var latin1 = _random.Next(2) == 0;
        var extra = latin1
            ? "Müller Büro quoted £245.50 for a replacement; the café till in reception is affected too."
            : "It’s the “Reception” copier – the one by the café – and it shows “Fehler 0x2A”.";
        var part = new TextPart("plain") { ContentTransferEncoding = ContentEncoding.QuotedPrintable };
        part.SetText(latin1 ? Encoding.Latin1 : Encoding.UTF8, $"Hello,\n\n{problem}\n{extra}\n\n{Signature(from, "Regards")}");
        return part;
    }

    private MimePart[] Files()
    {
        var files = new List<MimePart> { File("screenshot.png", "image/png", RandomFile(Png, 8_000, 60_000)) };
        if (_random.Next(2) == 0) files.Add(File("error-report.pdf", "application/pdf", RandomFile(Pdf, 5_000, 80_000)));
        if (_random.Next(4) == 0) files.Add(File("asset-list.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", RandomFile(Zip, 6_000, 30_000)));
        // Now and then something the desk refuses.
        if (_random.Next(10) == 0) files.Add(File("driver-setup.exe", "application/octet-stream", RandomFile(Exe, 20_000, 60_000)));
        return [.. files];
    }

    private static MimePart File(string name, string type, byte[] content) =>
        new(ContentType.Parse(type))
        {
            Content = new MimeContent(new MemoryStream(content)),
            ContentDisposition = new ContentDisposition(ContentDisposition.Attachment),
            ContentTransferEncoding = ContentEncoding.Base64,
            FileName = name,
        };

    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly byte[] Pdf = "%PDF-1.4\n"u8.ToArray();
    private static readonly byte[] Zip = [0x50, 0x4B, 0x03, 0x04];
    private static readonly byte[] Exe = [0x4D, 0x5A, 0x90, 0x00];

    private byte[] RandomFile(byte[] header, int min, int max)
    {
        var bytes = new byte[_random.Next(min, max)];
        _random.NextBytes(bytes);
        header.CopyTo(bytes, 0);
        return bytes;
    }

    // ---- Replies ------------------------------------------------------------------------------

    /// <summary>The requester answers their own earlier email in this mailbox (In-Reply-To), quoting it.</summary>
    private MimeMessage ReplyToRequest(DateTimeOffset date)
    {
        var (original, from) = _ticketedRequests[_random.Next(_ticketedRequests.Count)];
        var reply = Envelope(from, desk.DeskAddress, "RE: " + original.Subject, date, OutlookId());
        Answer(reply, original.MessageId!);
        var quoted = original.TextBody ?? "";
        var text = $"{Replies[_random.Next(Replies.Length)]}\n\n{from.Name}\n\n" +
            $"From: {from.Name} <{from.Email}>\nSent: {original.Date.ToString("dd MMMM yyyy HH:mm", CultureInfo.InvariantCulture)}\nTo: {desk.DeskAddress}\nSubject: {original.Subject}\n\n{quoted}";
        reply.Body = _random.Next(2) == 0 ? Outlook(text, logo: false, files: []) : new TextPart("plain") { Text = text };
        return reply;
    }

    /// <summary>A requester answers mail the desk sent them about their ticket (In-Reply-To the desk's Message-ID), quoting it Gmail-style.</summary>
    private MimeMessage ReplyToDeskMail(DateTimeOffset date)
    {
        var thread = PickThreadWithMail();
        var reply = Envelope(thread.Requester, desk.DeskAddress, "Re: " + thread.SentSubject, date, GmailId());
        Answer(reply, thread.SentMessageId!);
        reply.Body = Gmail($"{Replies[_random.Next(Replies.Length)]}\n\n{thread.Requester.Name.Split(' ')[0]}\n\n" +
            $"On {thread.SentAt.ToString("ddd, d MMM yyyy 'at' HH:mm", CultureInfo.InvariantCulture)}, Shared ICT Service Desk <{desk.DeskAddress}> wrote:\n" +
            $"> We have an update on {thread.Reference} (\"{thread.Title}\").\n>\n> To add to this ticket, reply to this email and keep [{thread.Reference}] in the subject.");
        return reply;
    }

    /// <summary>A requester writes a new email about their ticket, with its reference in the subject and no threading headers.</summary>
    private MimeMessage ReplyByTag(DateTimeOffset date)
    {
        // Mostly about a ticket still open; now and then about one long closed (which starts a follow-up).
        var thread = _random.Next(5) > 0 ? PickThreadWithMail() : Pick(desk.Threads);
        var subject = _random.Next(2) == 0 ? $"RE: [{thread.Reference}] {thread.Title}" : $"[{thread.Reference}] still a problem";
        var reply = Envelope(thread.Requester, desk.DeskAddress, subject, date, HostId(thread.Requester.Email));
        reply.Body = new TextPart("plain") { Text = $"{Replies[_random.Next(Replies.Length)]}\n\n{thread.Requester.Name}" };
        return reply;
    }

    private static void Answer(MimeMessage reply, string inReplyTo)
    {
        reply.InReplyTo = inReplyTo;
        reply.References.Add(inReplyTo);
    }

    /// <summary>A ticket not yet closed, about which the desk has mailed its requester.</summary>
    private DeskThread PickThreadWithMail() => Pick(_threadsWithMail ??= desk.Threads.Where(t => t.SentMessageId is not null).ToList());

    private List<DeskThread>? _threadsWithMail;

    // ---- Automatic mail -----------------------------------------------------------------------

    /// <summary>Exchange's "Automatic reply" to the desk's mail, or a Gmail vacation responder answering nothing the desk sent.</summary>
    private MimeMessage OutOfOffice(DateTimeOffset date)
    {
        var back = date.AddDays(_random.Next(2, 15)).ToString("dddd d MMMM", CultureInfo.InvariantCulture);
        if (_random.Next(3) > 0)
        {
            var thread = PickThreadWithMail();
            var reply = Envelope(thread.Requester, desk.DeskAddress, "Automatic reply: " + thread.SentSubject, date, OutlookId());
            Answer(reply, thread.SentMessageId!);
            reply.Headers.Add("Auto-Submitted", "auto-replied");
            reply.Headers.Add("X-Auto-Response-Suppress", "All");
            reply.Body = Outlook($"I am out of the office until {back} with no access to email. For anything urgent please contact the team inbox.", logo: false, files: []);
            return reply;
        }
        var person = Pick(desk.CouncilStaff);
        var vacation = Envelope(person, desk.DeskAddress, "Out of office", date, GmailId());
        vacation.Headers.Add("Auto-Submitted", "auto-replied");
        vacation.Headers.Add("Precedence", "bulk");
        vacation.Body = new TextPart("plain") { Text = $"Thank you for your email. I am on leave until {back} and will reply when I return." };
        return vacation;
    }

    /// <summary>A delivery-status report from a council's mail server about mail the desk sent (now and then about mail the desk never sent).</summary>
    private MimeMessage Bounce(DateTimeOffset date)
    {
        var thread = PickThreadWithMail();
        var known = _random.Next(5) > 0;
        var messageId = known ? thread.SentMessageId! : $"{Hex(16)}@elsewhere.example";
        var recipient = thread.Requester.Email;
        var host = "mail." + recipient[(recipient.IndexOf('@') + 1)..];
        var report = new MultipartReport("delivery-status")
        {
            new TextPart("plain")
            {
                Text = $"This is the mail system at host {host}.\n\nI'm sorry to have to inform you that your message could not be delivered to one or more recipients.\n\n" +
                    $"<{recipient}>: host {host} said: 550 5.1.1 <{recipient}>: Recipient address rejected: User unknown in virtual mailbox table",
            },
            new MimePart("message", "delivery-status")
            {
                Content = new MimeContent(new MemoryStream(Encoding.ASCII.GetBytes(
                    $"Reporting-MTA: dns; {host}\nArrival-Date: {date:R}\n\nFinal-Recipient: rfc822; {recipient}\nOriginal-Recipient: rfc822;{recipient}\n" +
                    "Action: failed\nStatus: 5.1.1\nDiagnostic-Code: smtp; 550 5.1.1 User unknown\n"))),
            },
            new MimePart("text", "rfc822-headers")
            {
                Content = new MimeContent(new MemoryStream(Encoding.ASCII.GetBytes(
                    $"From: Shared ICT Service Desk <{desk.DeskAddress}>\r\nTo: {recipient}\r\nSubject: {thread.SentSubject}\r\nMessage-ID: <{messageId}>\r\n\r\n"))),
            },
        };
        var bounce = Envelope(new Correspondent("MAILER-DAEMON@" + host, "Mail Delivery System", null), desk.DeskAddress, "Undelivered Mail Returned to Sender", date, HostId(recipient));
        bounce.Headers.Add("Auto-Submitted", "auto-replied");
        bounce.Headers.Add("Return-Path", "<>");
        bounce.Body = report;
        return bounce;
    }

    /// <summary>A council newsletter or all-staff list that copies the desk.</summary>
    private MimeMessage ListMail(DateTimeOffset date)
    {
        var (domain, council) = desk.Councils[_random.Next(desk.Councils.Count)];
        var list = $"staff-news.{domain}";
        var from = _random.Next(2) == 0 ? new Correspondent($"staffnews@{domain}", $"{council} Staff News", council) : Pick(desk.CouncilStaff);
        var message = Envelope(from, $"all-staff@{domain}", $"[All staff] News for the week of {date:d MMMM}", date, HostId(from.Email));
        message.Headers.Add("List-Id", $"<{list}>");
        message.Headers.Add("List-Unsubscribe", $"<mailto:leave-{list}>");
        message.Headers.Add("Precedence", "list");
        message.Body = Gmail($"This week at {council}: the staff survey closes on Friday, the car park resurfacing starts on Monday, " +
            "and the Christmas lunch menu is on the intranet.\n\nYou are receiving this because you are on the all-staff list.");
        return message;
    }

    /// <summary>Someone in no council's domain: a supplier, a resident who found the wrong address, a marketing mailer, or someone quoting a ticket.</summary>
    private MimeMessage Stranger(DateTimeOffset date)
    {
        switch (_random.Next(4))
        {
            case 0:
            {
                var message = Envelope(new Correspondent("accounts@office-supplies.example", "Office Supplies Ltd", null), desk.DeskAddress,
                    $"Invoice INV-{_random.Next(10_000, 99_999)} overdue", date, HostId("office-supplies.example"));
                message.Body = Outlook("Please find attached our invoice, now 30 days overdue. Kindly arrange payment at your earliest convenience.",
                    logo: false, files: [File("invoice.pdf", "application/pdf", RandomFile(Pdf, 10_000, 40_000))]);
                return message;
            }
            case 1:
            {
                var first = FirstNames[_random.Next(FirstNames.Length)];
                var message = Envelope(new Correspondent($"{first.ToLowerInvariant()}{_random.Next(10, 99)}@homemail.example", first, null), desk.DeskAddress,
                    "Missed bin collection", date, GmailId());
                message.Body = Gmail("Hello, our green bin was not collected on Tuesday again. Please can someone come back for it?\n\nThanks");
                return message;
            }
            case 2:
            {
                var message = Envelope(new Correspondent("events@cloud-webinars.example", "Cloud Webinars", null), desk.DeskAddress,
                    "Webinar: modernise your council's IT service desk", date, HostId("cloud-webinars.example"));
                message.Headers.Add("Precedence", "bulk");
                message.Headers.Add("List-Unsubscribe", "<https://cloud-webinars.example/unsubscribe>");
                message.Body = Gmail("Join our free webinar next Thursday and hear how councils cut call volumes by 40%.");
                return message;
            }
            default:
            {
                var thread = Pick(desk.Threads);
                var message = Envelope(new Correspondent("support@printer-fleet.example", "Printer Fleet Support", null), desk.DeskAddress,
                    $"RE: [{thread.Reference}] {thread.Title}", date, HostId("printer-fleet.example"));
                message.Body = new TextPart("plain") { Text = "Our engineer can attend on Thursday morning. Please confirm access arrangements." };
                return message;
            }
        }
    }

    /// <summary>Shared ICT staff: copying the desk into a ticket's conversation (tagged), or forwarding a council user's email.</summary>
    private MimeMessage SharedIctMail(DateTimeOffset date)
    {
        var from = Pick(desk.SharedIctStaff);
        if (_random.Next(2) == 0)
        {
            var thread = PickThreadWithMail();
            var message = Envelope(from, desk.DeskAddress, $"RE: [{thread.Reference}] {thread.Title}", date, OutlookId());
            message.Body = Outlook($"I've been on site and replaced the part; please check it now.\n\n{from.Name}\nShared ICT", logo: false, files: []);
            return message;
        }
        var (subject, problem) = Problems[_random.Next(Problems.Length)];
        var requester = Pick(desk.CouncilStaff);
        var forward = Envelope(from, desk.DeskAddress, "FW: " + subject, date, OutlookId());
        forward.Body = Outlook($"Logging this for {requester.Name}, who rang me about it.\n\n{from.Name}\n\n" +
            $"From: {requester.Name} <{requester.Email}>\nSent: {date.AddHours(-1).ToString("dd MMMM yyyy HH:mm", CultureInfo.InvariantCulture)}\nTo: {from.Email}\n" +
            $"Subject: {subject}\n\n{problem}", logo: false, files: []);
        return forward;
    }

    // ---- Envelopes ----------------------------------------------------------------------------

    private MimeMessage Envelope(Correspondent from, string to, string subject, DateTimeOffset date, string messageId)
    {
        var message = new MimeMessage { Subject = subject, Date = date, MessageId = messageId };
        message.From.Add(new MailboxAddress(from.Name, from.Email));
        message.To.Add(MailboxAddress.Parse(to));
        var domain = from.Email[(from.Email.IndexOf('@') + 1)..];
        // The desk's mail server's trace, on top, as delivery leaves it (192.0.2.0/24 is for documentation).
        message.Headers.Insert(0, "Received", $"from mail.{domain} (mail.{domain} [192.0.2.{_random.Next(1, 255)}]) by mx.sharedict.example with ESMTPS; {date:R}");
        return message;
    }

    private string OutlookId() => $"{Hex(14).ToUpperInvariant()}@{Hex(6).ToUpperInvariant()}.eurprd03.prod.outlook.example";
    private string GmailId() => $"CA+{Hex(20)}@mail.gmail.example";
    private string HostId(string addressOrDomain) => $"{Hex(12)}.{_random.Next(100_000, 999_999)}@mail.{addressOrDomain[(addressOrDomain.IndexOf('@') + 1)..]}";

    private string Hex(int bytes)
    {
        var buffer = new byte[bytes];
        _random.NextBytes(buffer);
        return Convert.ToHexStringLower(buffer);
    }

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    private static long Size(MimeMessage message)
    {
        using var counter = new MimeKit.IO.MeasuringStream();
        message.WriteTo(counter);
        return counter.Length;
    }
}
