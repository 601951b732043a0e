using System.Text;
using ServiceDesk.Infrastructure.Email;

namespace ServiceDesk.Api.Tests.Mail;

/// <summary>
/// Mail as it comes from the wider world: no headers, reused Message-IDs, read receipts, feedback
/// reports and holiday replies in many languages, and text in every charset.
/// </summary>
public sealed class RealWorldMailReaderTests
{
    private static byte[] Bytes(string text, Encoding? encoding = null) => (encoding ?? Encoding.UTF8).GetBytes(text.ReplaceLineEndings("\r\n"));

    private static byte[] Message(string headers, string body, Encoding? bodyEncoding = null)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return [.. Bytes(headers.TrimEnd() + "\n\n", Encoding.ASCII), .. Bytes(body, bodyEncoding)];
    }

    private const string Person = "From: Alice Jones <alice.jones@maidstone.example>\nTo: desk@sharedict.example\nMessage-ID: <m1@maidstone.example>\nDate: Mon, 23 Nov 2026 09:00:00 +0000";

    // ---- 1. A message that cannot be read ------------------------------------------------------

    [Fact]
    public void A_message_with_no_header_block_cannot_be_read_and_says_why()
    {
        var error = Assert.Throws<FormatException>(() => MailReader.Read(Bytes("Lorem ipsum dolor sit amet, consectetur adipisicing elit.\nDuis aute irure dolor.\n")));
        Assert.Contains("no header block", error.Message);
        Assert.Throws<FormatException>(() => MailReader.Read(Bytes("\n\n")));
    }

    [Fact]
    public void A_message_starting_with_a_blank_line_has_its_headers_read_as_headers()
    {
        var email = MailReader.Read(Bytes("\n" + Person + "\nSubject: Printer jammed\n\nThe printer on floor 2 is jammed.\n"));
        Assert.Equal("Printer jammed", email.Subject);
        Assert.Equal("alice.jones@maidstone.example", email.FromAddress);
        Assert.Equal("The printer on floor 2 is jammed.", email.NewText);
    }

    // ---- 2. Identity: Message-ID and content -----------------------------------------------------

    [Fact]
    public void Two_different_messages_sharing_a_Message_ID_have_different_content_hashes()
    {
        var scan = MailReader.Read(Message(Person + "\nSubject: Scan from MFP", "Scanned page 1"));
        var other = MailReader.Read(Message(Person + "\nSubject: Scan from MFP", "Scanned page 2"));
        Assert.Equal(scan.MessageId, other.MessageId);
        Assert.NotEqual(scan.ContentHash, other.ContentHash);
    }

    [Fact]
    public void The_same_message_delivered_again_has_the_same_hash_whatever_its_transit_headers_and_line_endings()
    {
        var sent = Message(Person + "\nSubject: Keyboard\n", "The E key is missing.\n");
        var delivered = Bytes("Return-Path: <alice.jones@maidstone.example>\nReceived: from mx1.maidstone.example by mail.sharedict.example;\n Mon, 23 Nov 2026 09:00:02 +0000\nDelivered-To: desk@sharedict.example\n")
            .Concat(Encoding.ASCII.GetBytes(Encoding.ASCII.GetString(sent).Replace("\r\n", "\n"))).ToArray();
        Assert.Equal(MailReader.ContentHashOf(sent), MailReader.ContentHashOf(delivered));
        Assert.Equal(64, MailReader.ContentHashOf(sent).Length);
    }

    // ---- 3. Automatic mail -----------------------------------------------------------------------

    [Fact]
    public void A_read_receipt_is_automatic_mail()
    {
        var email = MailReader.Read(Message(Person + "\nSubject: Read: Printer jammed\nMIME-Version: 1.0\nContent-Type: multipart/report; report-type=disposition-notification; boundary=\"b\"",
            "--b\nContent-Type: text/plain\n\nYour message was displayed.\n--b\nContent-Type: message/disposition-notification\n\nReporting-UA: mail.maidstone.example\nFinal-Recipient: rfc822;alice.jones@maidstone.example\nDisposition: manual-action/MDN-sent-manually; displayed\n--b--\n"));
        Assert.True(email.IsAutomatic);
        Assert.Contains("disposition-notification", email.AutomaticReason);
        Assert.False(email.IsDeliveryReport);
    }

    [Fact]
    public void A_feedback_report_is_automatic_mail()
    {
        var email = MailReader.Read(Message(Person + "\nSubject: FW: abuse report\nMIME-Version: 1.0\nContent-Type: multipart/report; report-type=feedback-report; boundary=\"b\"",
            "--b\nContent-Type: text/plain\n\nThis is an email abuse report.\n--b\nContent-Type: message/feedback-report\n\nFeedback-Type: abuse\nUser-Agent: SomeGenerator/1.0\nVersion: 1\n--b--\n"));
        Assert.Contains("feedback-report", email.AutomaticReason);
    }

    [Fact]
    public void A_delivery_report_without_a_report_type_from_the_Mail_Delivery_System_is_automatic()
    {
        var email = MailReader.Read(Message("From: Mail Delivery System <mail@mx.maidstone.example>\nTo: desk@sharedict.example\nMessage-ID: <b1@mx.maidstone.example>\nSubject: Delivery problem",
            "This message was created automatically by mail delivery software.\n"));
        Assert.Equal("From: Mail Delivery System", email.AutomaticReason);
    }

    [Theory]
    [InlineData("X-Apple-Action: VACATION")]
    [InlineData("X-Autoreply: yes")]
    [InlineData("X-Autorespond: Thanks for your mail")]
    public void A_vendor_holiday_header_makes_mail_automatic(string header)
    {
        var email = MailReader.Read(Message(Person + "\nSubject: Thanks for your message\n" + header, "I'm away until Monday."));
        Assert.StartsWith(header.Split(':')[0], email.AutomaticReason);
    }

    [Theory]
    [InlineData("Out of Office: Printer jammed")]
    [InlineData("Automatic reply: [SD-000042] Printer jammed")]
    [InlineData("Ateb awtomatig: Printer jammed")]
    [InlineData("Abwesenheitsnotiz: Drucker")]
    [InlineData("Réponse automatique : Imprimante")]
    [InlineData("Respuesta automática: Impresora")]
    [InlineData("Risposta automatica: Stampante")]
    [InlineData("Automatisch antwoord: Printer")]
    [InlineData("Automatyczna odpowiedź: Drukarka")]
    [InlineData("Автоматический ответ: Принтер")]
    [InlineData("自动回复: 打印机")]
    [InlineData("RE: Out of the office until 4 January")]
    public void An_out_of_office_known_only_by_its_subject_is_automatic(string subject)
    {
        var encoded = Encoding.ASCII.GetString(MimeKit.Utils.Rfc2047.EncodeText(Encoding.UTF8, subject));
        var email = MailReader.Read(Message(Person.Replace("m1@", "ooo@") + "\nSubject: " + encoded, "I am out of the office."));
        Assert.Equal(subject, email.Subject);
        Assert.Contains("automatic reply", email.AutomaticReason);
    }

    [Theory]
    [InlineData("Printer out of toner")]
    [InlineData("Office move: reply needed")]
    [InlineData("Automatic doors broken in the reception")]
    public void A_person_writing_about_offices_or_replies_is_not_automatic(string subject)
    {
        Assert.False(MailReader.Read(Message(Person + "\nSubject: " + subject, "Please help.")).IsAutomatic);
    }

    // ---- 4. Charsets -------------------------------------------------------------------------------

    [Fact]
    public void Windows_1252_curly_quotes_dashes_and_the_euro_sign_are_decoded()
    {
        var email = MailReader.Read(Message(Person + "\nSubject: =?windows-1252?Q?=93Quote=94_=96_=80100?=\nContent-Type: text/plain; charset=windows-1252\nContent-Transfer-Encoding: 8bit",
            "It\u2019s \u201cbroken\u201d \u2013 the invoice is \u20ac100.", Encoding.GetEncoding(1252)));
        Assert.Equal("\u201cQuote\u201d \u2013 \u20ac100", email.Subject);
        Assert.Equal("It\u2019s \u201cbroken\u201d \u2013 the invoice is \u20ac100.", email.NewText);
    }

    [Theory]
    [InlineData("iso-8859-2", "Drukarka nie działa, proszę o pomoc.")]
    [InlineData("koi8-u", "Принтер не працює, будь ласка, допоможіть.")]
    [InlineData("iso-8859-7", "Ο εκτυπωτής δεν λειτουργεί.")]
    [InlineData("gb2312", "打印机坏了，请帮忙。")]
    [InlineData("shift_jis", "プリンターが壊れました。")]
    public void Text_in_other_charsets_is_decoded(string charset, string text)
    {
        var email = MailReader.Read(Message(Person + $"\nSubject: Printer\nContent-Type: text/plain; charset={charset}\nContent-Transfer-Encoding: 8bit",
            text, Encoding.GetEncoding(charset)));
        Assert.Equal(text, email.NewText);
    }

    [Fact]
    public void Undeclared_8_bit_text_is_read_as_UTF_8_when_it_is_and_as_windows_1252_when_not()
    {
        var utf8 = MailReader.Read(Message(Person + "\nSubject: Caf\u00e9", "Caf\u00e9 menu \u2013 \u20ac5", Encoding.UTF8));
        Assert.Equal("Caf\u00e9 menu \u2013 \u20ac5", utf8.NewText);
        var ansi = MailReader.Read(Message(Person + "\nSubject: Price", "Caf\u00e9 menu \u2013 \u20ac5", Encoding.GetEncoding(1252)));
        Assert.Equal("Caf\u00e9 menu \u2013 \u20ac5", ansi.NewText);
        var header = MailReader.Read([.. Bytes(Person + "\nSubject: ", Encoding.ASCII), .. Encoding.GetEncoding(1252).GetBytes("Caf\u00e9 \u2013 \u20ac5"), .. Bytes("\n\nText\n")]);
        Assert.Equal("Caf\u00e9 \u2013 \u20ac5", header.Subject);
    }

    [Fact]
    public void An_encoded_word_missing_its_base64_padding_is_read_whole()
    {
        // "Printer jammed!" is UHJpbnRlciBqYW1tZWQh; "Printer jam" needs one '=' of padding.
        var email = MailReader.Read(Message(Person + "\nSubject: =?utf-8?B?UHJpbnRlciBqYW0?=", "Text"));
        Assert.Equal("Printer jam", email.Subject);
    }

    [Fact]
    public void A_UTF_7_body_as_old_Hotmail_sends_is_decoded()
    {
        var email = MailReader.Read(Message(Person + "\nSubject: Price\nContent-Type: text/plain; charset=unicode-1-1-utf-7", "The price is +IKw-5 +- VAT."));
        Assert.Equal("The price is \u20ac5 + VAT.", email.NewText);
    }

    [Fact]
    public void A_message_starting_with_a_byte_order_mark_is_read()
    {
        var email = MailReader.Read([0xEF, 0xBB, 0xBF, .. Bytes(Person + "\nSubject: Printer\n\nJammed.\n")]);
        Assert.Equal("Printer", email.Subject);
    }

    [Theory]
    [InlineData("no-reply@supplier.example")]
    [InlineData("post_master@mx.maidstone.example")]
    [InlineData("bounces+12345@lists.maidstone.example")]
    public void Mail_from_an_address_that_takes_no_replies_is_automatic(string from)
    {
        var email = MailReader.Read(Message(Person.Replace("alice.jones@maidstone.example", from) + "\nSubject: Your order", "Dispatched."));
        Assert.Equal($"From: {from}", email.AutomaticReason);
    }

    [Fact]
    public void A_NUL_in_a_subject_is_dropped()
    {
        var email = MailReader.Read([.. Bytes(Person + "\nSubject: Printer", Encoding.ASCII), 0, .. Bytes(" jammed\n\nText\n", Encoding.ASCII)]);
        Assert.Equal("Printer jammed", email.Subject);
    }

    // ---- 10. Outlook's winmail.dat and oversized attachments -------------------------------------

    [Theory]
    [InlineData("mimekit/tnef-ukr.eml", false)]
    [InlineData("mimekit/tnef-rich-text.eml", true)]
    public void Files_packed_in_winmail_dat_become_real_attachments(string name, bool hasFiles)
    {
        if (!SharedMailCorpus.Available) Assert.Skip("The shared mail corpus is not there.");
        var raw = SharedMailCorpus.Messages().Single(m => m.Name == name).Raw;
        var email = MailReader.Read(raw);
        Assert.DoesNotContain(email.Attachments, a => a.FileName.Equals("winmail.dat", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(hasFiles, email.Attachments.Count > 0);
        Assert.All(email.Attachments, a => Assert.True(a.Size > 0 && a.Content.Length == a.Size, $"{a.FileName} is empty"));
        Assert.False(string.IsNullOrWhiteSpace(email.FullText));
    }

    [Fact]
    public void An_attachment_over_the_size_limit_is_not_kept_in_the_stored_original()
    {
        var body = new MimeKit.BodyBuilder { TextBody = "Logs attached." };
        body.Attachments.Add("small.txt", Encoding.ASCII.GetBytes("a small log"), new MimeKit.ContentType("text", "plain"));
        body.Attachments.Add("huge.zip", new byte[3 * 1024 * 1024], new MimeKit.ContentType("application", "zip"));
        var message = new MimeKit.MimeMessage { Subject = "Logs", Body = body.ToMessageBody() };
        message.From.Add(MimeKit.MailboxAddress.Parse("alice.jones@maidstone.example"));
        using var stream = new MemoryStream();
        message.WriteTo(stream);
        var raw = stream.ToArray();

        var email = MailReader.Read(raw, maxAttachmentBytes: 1024 * 1024);

        Assert.True(email.Raw.Length < 64 * 1024, $"The stored original is {email.Raw.Length:N0} bytes.");
        var stored = MimeKit.MimeMessage.Load(new MemoryStream(email.Raw));
        Assert.Contains(stored.Attachments, a => a.ContentDisposition?.FileName == "small.txt");
        var note = Assert.IsType<MimeKit.TextPart>(stored.Attachments.Single(a => a.ContentDisposition?.FileName == "huge.zip.removed.txt"));
        Assert.Contains("3,145,728 bytes", note.Text);
        // The message is still known by what was sent, and the desk still sees (and refuses) the file.
        Assert.Equal(MailReader.ContentHashOf(raw), email.ContentHash);
        Assert.Contains(email.Attachments, a => a.FileName == "huge.zip");
        Assert.Same(raw, MailReader.Read(raw, maxAttachmentBytes: 10 * 1024 * 1024).Raw);
    }
}
