using System.Text;
using MimeKit;
using ServiceDesk.Core.Features.Email;
using ServiceDesk.Infrastructure.Email;

namespace ServiceDesk.Api.Tests.Mail;

/// <summary>
/// The messages in Mail/Corpus, read from the source tree (they are not copied to the output):
/// realistic mail as Outlook, Gmail, Thunderbird, Apple Mail, Exchange and Postfix write it.
/// </summary>
public static class MailCorpus
{
    private const string Relative = "tests/ServiceDesk.Api.Tests/Mail/Corpus";

    private static readonly Lazy<string> Folder = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, Relative);
            if (Directory.Exists(candidate)) return candidate;
        }
        throw new DirectoryNotFoundException($"No {Relative} above {AppContext.BaseDirectory}.");
    });

    public static byte[] Raw(string name) => File.ReadAllBytes(Path.Combine(Folder.Value, name));

    public static InboundEmail Read(string name) => MailReader.Read(Raw(name));

    public static IEnumerable<string> Names() =>
        Directory.GetFiles(Folder.Value, "*.eml").Select(Path.GetFileName).OfType<string>().Order();
}

public sealed class MailReaderTests
{
    private static DateTime Utc(int month, int day, int hour, int minute, int second) =>
        new(2026, month, day, hour, minute, second, DateTimeKind.Utc);

    // ---- Requests and replies -----------------------------------------------------------------

    [Fact]
    public void A_new_request_from_Outlook_is_read_from_its_plain_text_with_sender_recipients_and_date()
    {
        var email = MailCorpus.Read("outlook-new-request.eml");

        Assert.Equal("DB9PR03MB73401C2E8F0A4B5D6E7F8A9BC1D2E@DB9PR03MB7340.eurprd03.prod.outlook.example", email.MessageId);
        Assert.Empty(email.References);
        Assert.Equal("sarah.hughes@maidstone.example", email.FromAddress);
        Assert.Equal("Hughes, Sarah", email.FromName);
        Assert.Equal(["desk@sharedict.example"], email.To);
        Assert.Equal(["daniel.okafor@maidstone.example"], email.Cc);
        Assert.Equal("Printer on 2nd floor not printing", email.Subject);
        Assert.Equal(
            "Hello,\n\nThe printer on the 2nd floor (MBC-PRN-2F-01) is showing \"Ready\" but nothing comes out. Three of us have tried since 8:30 this morning.\n\n"
            + "Could someone take a look please?\n\nKind regards\n\nSarah Hughes\nRevenues & Benefits Officer\nMaidstone Borough Council",
            email.NewText);
        Assert.Equal(email.NewText, email.FullText.Trim());
        Assert.Null(email.AutomaticReason);
        Assert.False(email.IsAutomatic);
        Assert.False(email.IsDeliveryReport);
        Assert.Null(email.BouncedMessageId);
        Assert.Equal(Utc(11, 23, 9, 14, 5), email.SentAt);
        Assert.Equal(DateTimeKind.Utc, email.SentAt!.Value.Kind);
        Assert.Empty(email.Attachments);
    }

    [Fact]
    public void A_new_request_from_Gmail_keeps_its_text_and_loses_the_signature_below_the_dash_dash_line()
    {
        var email = MailCorpus.Read("gmail-new-request.eml");

        Assert.Equal("CAJx8h3pQ7w-F1mYk2Qz0b9T4sN5uV6wX7yZ8aB9cD0eF1gH2i@mail.gmail.example", email.MessageId);
        Assert.Equal("tom.baker@swale.example", email.FromAddress);
        Assert.Equal("Tom Baker", email.FromName);
        Assert.Equal("Can't log in to the housing system", email.Subject);
        Assert.Equal(
            "Hi,\n\nSince this morning the housing system says \"Account locked\" when I sign in.\nI haven't changed my password recently.\n\n"
            + "My username is tbaker and I'm at Swale House, desk 3.14.\n\nThanks,\nTom",
            email.NewText);
        Assert.Contains("Housing Options Officer", email.FullText);
        Assert.Null(email.AutomaticReason);
        Assert.Empty(email.Attachments);
    }

    [Fact]
    public void An_Outlook_reply_loses_the_rule_and_the_From_Sent_To_Subject_block_and_everything_below()
    {
        var email = MailCorpus.Read("outlook-reply.eml");

        Assert.Equal("Hi,\n\nThat worked, thank you. The printer is printing again.\n\nKind regards\nSarah", email.NewText);
        Assert.Contains("We have cleared a stuck job", email.FullText);
        Assert.Equal(
            ["sd.42.abc@sharedict.example", "DB9PR03MB73401C2E8F0A4B5D6E7F8A9BC1D2E@DB9PR03MB7340.eurprd03.prod.outlook.example"],
            email.References);
        Assert.Equal("RE: [SD-000123] Printer on 2nd floor not printing", email.Subject);
        Assert.Null(email.AutomaticReason);
    }

    [Fact]
    public void An_Outlook_reply_read_from_its_HTML_alone_loses_the_quoted_block_too()
    {
        var original = MimeMessage.Load(new MemoryStream(MailCorpus.Raw("outlook-reply.eml")));
        var html = original.BodyParts.OfType<TextPart>().Single(p => p.IsHtml);
        original.Body = html;
        var raw = Serialise(original);

        var email = MailReader.Read(raw);

        Assert.Equal("Hi,\n\nThat worked, thank you. The printer is printing again.\n\nKind regards\nSarah", email.NewText);
        Assert.Contains("From: Shared ICT Service Desk <desk@sharedict.example>\nSent: 23 November 2026 10:02", email.FullText);
        Assert.DoesNotContain("<", email.NewText);
    }

    [Fact]
    public void A_Gmail_reply_loses_the_wrapped_On_wrote_line_and_the_quoted_lines_and_answers_the_desk_message_first()
    {
        var email = MailCorpus.Read("gmail-reply.eml");

        Assert.Equal("Thanks, I've restarted and it's working now.\n\nTom", email.NewText);
        Assert.Contains("> Your account has been unlocked.", email.FullText);
        Assert.Equal(
            ["sd.42.abc@sharedict.example", "sd.41.xyz@sharedict.example", "CAJx8h3pQ7w-F1mYk2Qz0b9T4sN5uV6wX7yZ8aB9cD0eF1gH2i@mail.gmail.example"],
            email.References);
        Assert.Equal(Utc(11, 23, 12, 20, 43), email.SentAt);
    }

    [Fact]
    public void A_reply_with_only_the_ticket_tag_in_its_subject_has_no_references_and_its_flowed_text_is_joined()
    {
        var email = MailCorpus.Read("subject-tag-reply-without-in-reply-to.eml");

        Assert.Empty(email.References);
        Assert.Contains("[SD-000123]", email.Subject);
        Assert.Equal("james.patel@tunbridgewells.example", email.FromAddress);
        Assert.Equal(
            "Hello,\n\nI'm covering for Sarah today. The same printer has jammed again and the display now shows error E-204 after every page.\n\nRegards,\nJames",
            email.NewText);
        Assert.Contains("ICT Champion, Tunbridge Wells Borough Council", email.FullText);
        Assert.Null(email.AutomaticReason);
    }

    [Fact]
    public void A_stranger_quoting_a_ticket_tag_is_read_as_a_person_with_the_tag_in_the_subject_and_no_desk_reference()
    {
        var email = MailCorpus.Read("stranger-quoting-ticket-tag.eml");

        Assert.Equal("someone@elsewhere.example", email.FromAddress);
        Assert.Equal("Chris Dale", email.FromName);
        Assert.Equal("Re: [SD-000123] Printer on 2nd floor not printing", email.Subject);
        Assert.Equal("8F3A2C1D-5B7E-4D9F-A1C3-E5F7092B4D6A@elsewhere.example", email.MessageId);
        Assert.Equal(["DB9PR03MB7340FF11EE22DD33CC44BB55AA667@DB9PR03MB7340.eurprd03.prod.outlook.example"], email.References);
        Assert.Equal("We service that model of printer. We can offer a maintenance contract at a discounted rate.\n\nChris", email.NewText);
        Assert.Null(email.AutomaticReason);
    }

    // ---- Automatic mail and bounces -----------------------------------------------------------

    [Fact]
    public void An_Exchange_out_of_office_is_automatic_because_of_Auto_Submitted_and_still_names_the_desk_message()
    {
        var email = MailCorpus.Read("exchange-out-of-office.eml");

        Assert.Equal("Auto-Submitted: auto-replied", email.AutomaticReason);
        Assert.True(email.IsAutomatic);
        Assert.False(email.IsDeliveryReport);
        Assert.StartsWith("Automatic reply: ", email.Subject);
        Assert.Equal(["sd.125.def@sharedict.example"], email.References);
        Assert.StartsWith("Thank you for your email. I am out of the office", email.NewText);
    }

    [Fact]
    public void A_Gmail_vacation_responder_is_automatic()
    {
        var email = MailCorpus.Read("gmail-vacation-responder.eml");

        Assert.Equal("Auto-Submitted: auto-replied", email.AutomaticReason);
        Assert.False(email.IsDeliveryReport);
        Assert.Equal(["sd.126.ghi@sharedict.example"], email.References);
    }

    [Fact]
    public void A_bounce_from_MAILER_DAEMON_is_an_automatic_delivery_report_naming_the_desk_message_that_failed()
    {
        var email = MailCorpus.Read("dsn-bounce.eml");

        Assert.True(email.IsDeliveryReport);
        Assert.Equal("sd.127.jkl@sharedict.example", email.BouncedMessageId);
        Assert.NotNull(email.AutomaticReason);
        Assert.Equal("mailer-daemon@mx.sharedict.example", email.FromAddress);
        Assert.Equal("20261124093002.4Zkc9j1Sv7z5yZf@mx.sharedict.example", email.MessageId);
        Assert.Contains("User", email.FullText);
        Assert.Contains("unknown in local recipient table", email.FullText);
        Assert.DoesNotContain("Reporting-MTA", email.FullText);
        Assert.Empty(email.Attachments);
    }

    [Fact]
    public void A_bounce_returning_the_whole_message_names_its_Message_ID_and_is_automatic_even_without_other_headers()
    {
        var returned = new MimeMessage();
        returned.From.Add(new MailboxAddress("Shared ICT Service Desk", "desk@sharedict.example"));
        returned.To.Add(MailboxAddress.Parse("left.council@swale.example"));
        returned.Subject = "[SD-000130] We have logged your request";
        returned.MessageId = "sd.130.mno@sharedict.example";
        returned.Body = new TextPart("plain") { Text = "Your request has been logged." };

        var report = new MultipartReport("delivery-status")
        {
            new TextPart("plain") { Text = "Delivery has failed to these recipients or groups:\n\nleft.council@swale.example\n" },
            new MessageDeliveryStatus(),
            new MessagePart("rfc822") { Message = returned },
        };
        var bounce = new MimeMessage();
        bounce.From.Add(new MailboxAddress("Delivery System", "notices@relay.sharedict.example"));
        bounce.To.Add(MailboxAddress.Parse("desk@sharedict.example"));
        bounce.Subject = "Undeliverable: [SD-000130] We have logged your request";
        bounce.Body = report;

        var email = MailReader.Read(Serialise(bounce));

        Assert.True(email.IsDeliveryReport);
        Assert.Equal("sd.130.mno@sharedict.example", email.BouncedMessageId);
        Assert.Equal("Content-Type: multipart/report; report-type=delivery-status", email.AutomaticReason);
        Assert.Empty(email.Attachments);
        Assert.StartsWith("Delivery has failed", email.NewText);
    }

    [Fact]
    public void A_mailing_list_message_is_automatic_because_of_its_Precedence()
    {
        var email = MailCorpus.Read("mailing-list.eml");

        Assert.Equal("Precedence: list", email.AutomaticReason);
        Assert.Equal("daniel.okafor@maidstone.example", email.FromAddress);
        Assert.Equal(["ict-managers@lists.sharedict.example"], email.To);
        Assert.False(email.IsDeliveryReport);
    }

    [Theory]
    [InlineData("Auto-Submitted: auto-generated", "Auto-Submitted: auto-generated")]
    [InlineData("Auto-Submitted: auto-replied; owner-email=\"priya.shah@tunbridgewells.example\"", "Auto-Submitted: auto-replied")]
    [InlineData("Auto-Submitted: no", null)]
    [InlineData("X-Auto-Response-Suppress: OOF, AutoReply", "X-Auto-Response-Suppress: OOF, AutoReply")]
    [InlineData("Precedence: bulk", "Precedence: bulk")]
    [InlineData("Precedence: junk", "Precedence: junk")]
    [InlineData("Precedence: LIST", "Precedence: LIST")]
    [InlineData("Precedence: first-class", null)]
    [InlineData("List-Id: <ict-managers.lists.sharedict.example>", "List-Id: <ict-managers.lists.sharedict.example>")]
    [InlineData("Return-Path: <>", "Return-Path: <>")]
    [InlineData("Return-Path: <sarah.hughes@maidstone.example>", null)]
    [InlineData("X-Mailer: Microsoft Outlook 16.0", null)]
    public void Each_automatic_mail_header_makes_mail_automatic_and_is_named_in_the_reason(string header, string? expectedReasonStart)
    {
        var email = MailReader.Read(Encoding.UTF8.GetBytes(
            $"{header}\nFrom: Sarah Hughes <sarah.hughes@maidstone.example>\nTo: desk@sharedict.example\n"
            + "Subject: Printer\nDate: Mon, 23 Nov 2026 09:00:00 +0000\nMessage-ID: <h1@maidstone.example>\n\nHello\n"));

        if (expectedReasonStart is null) Assert.Null(email.AutomaticReason);
        else Assert.StartsWith(expectedReasonStart, email.AutomaticReason);
    }

    [Theory]
    [InlineData("MAILER-DAEMON@mail.swale.example")]
    [InlineData("Postmaster@maidstone.example")]
    [InlineData("mailer-daemon@googlemail.example")]
    public void Mail_from_a_mailer_daemon_or_postmaster_is_automatic(string from)
    {
        var email = MailReader.Read(Encoding.UTF8.GetBytes(
            $"From: {from}\nTo: desk@sharedict.example\nSubject: Notice\nMessage-ID: <p1@swale.example>\n\nA notice.\n"));

        Assert.Equal($"From: {from.ToLowerInvariant()}", email.AutomaticReason);
        Assert.False(email.IsDeliveryReport);
    }

    // ---- Character sets and HTML --------------------------------------------------------------

    [Fact]
    public void An_ISO_8859_1_body_and_encoded_subject_are_decoded_with_pound_signs_and_accents()
    {
        var email = MailCorpus.Read("iso-8859-1-body.eml");

        Assert.Equal("Café card reader invoice £45", email.Subject);
        Assert.Contains("The invoice for the café's card reader came to £45.00 but the reader in the\nGunpowder Works café", email.FullText);
        Assert.DoesNotContain("\uFFFD", email.FullText);
        Assert.Equal("margaret.ellis@swale.example", email.FromAddress);
        Assert.Equal(Utc(11, 24, 11, 15, 30), email.SentAt);
    }

    [Fact]
    public void A_quoted_printable_body_has_its_soft_line_breaks_joined_and_its_UTF8_sequences_decoded()
    {
        var email = MailCorpus.Read("quoted-printable-body.eml");

        Assert.Equal("Can\u2019t open the planning portal", email.Subject);
        Assert.Contains(
            "I\u2019m trying to open the planning portal from the Town Hall but it says \u201Cthe site can\u2019t be reached\u201D. It worked yesterday afternoon "
            + "and colleagues in the same office have the same problem on their laptops.",
            email.NewText);
        Assert.Contains("portal.tunbridgewells.example = the one on the intranet.", email.NewText);
        Assert.DoesNotContain("=E2", email.FullText);
        Assert.DoesNotContain("=\n", email.FullText);
    }

    [Fact]
    public void An_HTML_only_message_becomes_readable_text_without_tags_scripts_or_styles()
    {
        var email = MailCorpus.Read("html-only-with-script-and-style.eml");

        Assert.Equal(
            "Dear Service Desk,\n\nPlease give me access to the Elections shared mailbox & its calendar.\nI need it from Monday 30 November.\n\n"
            + "- Mailbox: elections@maidstone.example\n- Access: read & send as\n\nCost code: £0 \u2013 no charge\n\nAmira Nwosu\nElectoral Services",
            email.NewText);
        Assert.Equal(email.NewText, email.FullText);
        foreach (var leaked in new[] { "alert", "tracking", "font-family", "color:", "<", ">", "&amp;", "&pound;", "Access request" })
            Assert.DoesNotContain(leaked, email.FullText);
        Assert.Empty(email.Attachments);
    }

    [Fact]
    public void Numbered_lists_links_and_tables_in_HTML_read_as_lines()
    {
        var text = MailReader.HtmlToText(
            "<div>Steps:</div><ol><li>Restart</li><li>Sign in</li></ol>"
            + "<p>See <a href=\"https://intranet.maidstone.example/printers\">the printer page</a>.</p>"
            + "<table><tr><td>Asset</td><td>MBC-PRN-2F-01</td></tr><tr><td>Floor</td><td>2</td></tr></table>"
            + "<p onclick=\"steal()\">Done<iframe src=\"https://evil.example\">framed</iframe></p>");

        Assert.Equal(
            "Steps:\n1. Restart\n2. Sign in\n\nSee the printer page <https://intranet.maidstone.example/printers>.\n\nAsset\tMBC-PRN-2F-01\nFloor\t2\n\nDone",
            text);
    }

    // ---- Identity ------------------------------------------------------------------------------

    [Fact]
    public void A_message_without_a_Message_ID_gets_a_stable_hash_id_that_changes_with_its_content()
    {
        var raw = MailCorpus.Raw("no-message-id.eml");

        var first = MailReader.Read(raw);
        var second = MailReader.Read(raw.ToArray());
        var edited = MailReader.Read(Encoding.ASCII.GetBytes(Encoding.ASCII.GetString(raw).Replace("arrives blank", "arrives grey")));

        Assert.Matches("^[0-9a-f]{64}@missing-message-id\\.invalid$", first.MessageId);
        Assert.Equal(first.MessageId, second.MessageId);
        Assert.NotEqual(first.MessageId, edited.MessageId);
        Assert.Equal("Scanner on 2nd floor sends blank pages", first.Subject);
        Assert.Null(first.AutomaticReason);
    }

    [Fact]
    public void The_raw_bytes_are_kept_as_they_were_given()
    {
        var raw = MailCorpus.Raw("outlook-new-request.eml");

        var email = MailReader.Read(raw);

        Assert.Same(raw, email.Raw);
    }

    [Fact]
    public void A_message_without_a_date_has_no_sent_time_and_no_subject_reads_as_empty()
    {
        var email = MailReader.Read(Encoding.UTF8.GetBytes(
            "From: sarah.hughes@maidstone.example\nTo: desk@sharedict.example\nMessage-ID: <nodate@maidstone.example>\n\nHello\n"));

        Assert.Null(email.SentAt);
        Assert.Equal("", email.Subject);
        Assert.Null(email.FromName);
        Assert.Equal("Hello", email.NewText);
    }

    // ---- Attachments ---------------------------------------------------------------------------

    [Fact]
    public void An_exe_attachment_is_listed_with_its_name_type_size_and_bytes()
    {
        var email = MailCorpus.Read("exe-attachment.eml");

        var attachment = Assert.Single(email.Attachments);
        Assert.Equal("PrinterFix.exe", attachment.FileName);
        Assert.Equal("application/x-msdownload", attachment.ContentType);
        Assert.Equal(22, attachment.Size);
        Assert.Equal(attachment.Size, attachment.Content.Length);
        Assert.Equal("MZ"u8.ToArray(), attachment.Content[..2]);
        Assert.False(attachment.Inline);
        Assert.Equal("Hi, the printer supplier sent me this fix. Can you install it on my laptop?\n\nTom", email.NewText);
    }

    [Fact]
    public void An_inline_image_and_a_PDF_are_both_listed_and_only_the_image_is_inline()
    {
        var email = MailCorpus.Read("inline-image-and-pdf.eml");

        Assert.Equal(2, email.Attachments.Count);
        var image = email.Attachments[0];
        Assert.Equal("image001.png", image.FileName);
        Assert.Equal("image/png", image.ContentType);
        Assert.Equal(69, image.Size);
        Assert.True(image.Inline);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, image.Content[..4]);

        var pdf = email.Attachments[1];
        Assert.Equal("Month-end error log.pdf", pdf.FileName);
        Assert.Equal("application/pdf", pdf.ContentType);
        Assert.Equal(218, pdf.Size);
        Assert.Equal("%PDF-1.4"u8.ToArray(), pdf.Content[..8]);
        Assert.False(pdf.Inline);

        Assert.StartsWith("Hello,\n\nThe month-end report fails with the error below.", email.NewText);
    }

    [Fact]
    public void An_attachment_without_a_name_is_named_by_its_position_and_type()
    {
        var message = Person("Report");
        var body = new TextPart("plain") { Text = "Log attached." };
        var log = new MimePart("application", "pdf")
        {
            Content = new MimeContent(new MemoryStream("%PDF-1.4 tiny"u8.ToArray())),
            ContentDisposition = new ContentDisposition(ContentDisposition.Attachment),
            ContentTransferEncoding = ContentEncoding.Base64,
        };
        var picture = new MimePart("image", "jpeg")
        {
            Content = new MimeContent(new MemoryStream([0xFF, 0xD8, 0xFF, 0xE0])),
            ContentId = "photo1@maidstone.example",
            ContentTransferEncoding = ContentEncoding.Base64,
        };
        message.Body = new Multipart("mixed") { body, log, picture };

        var email = MailReader.Read(Serialise(message));

        Assert.Equal(["attachment-1.pdf", "attachment-2.jpg"], email.Attachments.Select(a => a.FileName));
        Assert.Equal([false, true], email.Attachments.Select(a => a.Inline));
        Assert.Equal("Log attached.", email.NewText);
    }

    [Fact]
    public void A_20_MiB_attachment_is_read_whole_with_its_decoded_size()
    {
        const int size = 20 * 1024 * 1024;
        var data = new byte[size];
        new Random(42).NextBytes(data);
        var message = Person("Building plans");
        var builder = new BodyBuilder { TextBody = "The plans are attached." };
        builder.Attachments.Add("Town Hall plans.dwg", data, new ContentType("application", "acad"));
        message.Body = builder.ToMessageBody();

        var email = MailReader.Read(Serialise(message));

        var attachment = Assert.Single(email.Attachments);
        Assert.Equal(size, attachment.Size);
        Assert.Equal("Town Hall plans.dwg", attachment.FileName);
        Assert.Equal("application/acad", attachment.ContentType);
        Assert.True(data.AsSpan().SequenceEqual(attachment.Content));
        Assert.Equal("The plans are attached.", email.NewText);
    }

    [Fact]
    public void A_forwarded_email_attached_whole_is_kept_as_an_eml_file()
    {
        var inner = Person("Suspicious invoice");
        inner.Body = new TextPart("plain") { Text = "Please pay the attached invoice." };
        var message = Person("FW: Suspicious invoice");
        message.Body = new Multipart("mixed")
        {
            new TextPart("plain") { Text = "Is this phishing?" },
            new MessagePart { Message = inner, ContentDisposition = new ContentDisposition(ContentDisposition.Attachment) },
        };

        var email = MailReader.Read(Serialise(message));

        var attachment = Assert.Single(email.Attachments);
        Assert.Equal("attachment-1.eml", attachment.FileName);
        Assert.Equal("message/rfc822", attachment.ContentType);
        Assert.Contains("Please pay the attached invoice.", Encoding.UTF8.GetString(attachment.Content));
    }

    // ---- Quoted history, rule by rule ----------------------------------------------------------

    [Theory]
    [InlineData("Fixed now.\n\n-----Original Message-----\nFrom: Shared ICT Service Desk\nSent: 23 November 2026 10:02\n\nOld text", "Fixed now.")]
    [InlineData("Fixed now.\n\nOn 23/11/2026 10:02, Shared ICT Service Desk wrote:\n> Old text", "Fixed now.")]
    [InlineData("Fixed now.\n\nOn Mon, 23 Nov 2026 at 10:02, Shared ICT Service Desk <desk@sharedict.example> wrote:\n\n> Old text\n>\n> More", "Fixed now.")]
    [InlineData("Fixed now.\nFrom: Shared ICT Service Desk <desk@sharedict.example>\nDate: Monday, 23 November 2026 at 10:02\nTo: Sarah Hughes\nSubject: Printer\n\nOld", "Fixed now.")]
    [InlineData("Fixed now.\n\n> Old text\n> More old text\n", "Fixed now.")]
    [InlineData("> Did you restart?\nYes, twice.\n\n> Is the cable in?\nYes.", "> Did you restart?\nYes, twice.\n\n> Is the cable in?\nYes.")]
    [InlineData("Fixed now.\n-- \nSarah Hughes\nMaidstone Borough Council", "Fixed now.")]
    [InlineData("  Fixed now.  \n\n\n\nThanks  \n", "Fixed now.\n\nThanks")]
    [InlineData("From: my manager, who says the printer is still broken.\nThanks", "From: my manager, who says the printer is still broken.\nThanks")]
    [InlineData("> Only quoted text\n> and nothing new\n", "> Only quoted text\n> and nothing new")]
    public void New_text_drops_quoted_history_and_signatures(string fullText, string expected) =>
        Assert.Equal(expected, MailReader.NewTextOf(fullText));

    [Fact]
    public void Every_corpus_message_can_be_read()
    {
        var names = MailCorpus.Names().ToList();

        Assert.True(names.Count >= 16, $"Only {names.Count} corpus messages.");
        foreach (var name in names)
        {
            var email = MailCorpus.Read(name);
            Assert.False(string.IsNullOrWhiteSpace(email.MessageId), name);
            Assert.False(string.IsNullOrWhiteSpace(email.FromAddress), name);
            Assert.DoesNotContain("<", email.MessageId);
            Assert.All(email.References, r => Assert.DoesNotContain("<", r));
        }
    }

    private static MimeMessage Person(string subject)
    {
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress("Sarah Hughes", "sarah.hughes@maidstone.example"));
        message.To.Add(new MailboxAddress("Shared ICT Service Desk", "desk@sharedict.example"));
        message.Subject = subject;
        message.Date = new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);
        message.MessageId = $"{Guid.NewGuid():N}@maidstone.example";
        return message;
    }

    private static byte[] Serialise(MimeMessage message)
    {
        using var stream = new MemoryStream();
        message.WriteTo(stream);
        return stream.ToArray();
    }
}
