using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceDesk.Core.Domain.Email;
using ServiceDesk.Infrastructure.Email;
using ServiceDesk.Infrastructure.Persistence;
using ServiceDesk.TestSupport;

namespace ServiceDesk.Api.Tests.Mail;

/// <summary>
/// The shared corpus of real-world mail (bounces, auto-replies, receipts, signed and encrypted mail,
/// every charset, one message with no headers), kept beside the project in ../shared/mail-corpus
/// and read from there: each message addressed to the desk and sent from a council's domain.
/// </summary>
public static partial class SharedMailCorpus
{
    /// <summary>The council domain the corpus's senders are moved into.</summary>
    public const string CouncilDomain = "maidstone.example";

    private static readonly Lazy<string?> Folder = new(() =>
    {
        if (Environment.GetEnvironmentVariable("SERVICEDESK_MAIL_CORPUS") is { Length: > 0 } configured) return configured;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "mail-corpus");
            if (Directory.Exists(candidate)) return candidate;
        }
        return null;
    });

    public static bool Available => Folder.Value is not null;

    /// <summary>Every message, by its path in the corpus ("rt/emails_lorem-ipsum.eml"), in path order.</summary>
    public static IReadOnlyList<(string Name, byte[] Raw)> Messages() =>
        Directory.GetFiles(Folder.Value!, "*", SearchOption.AllDirectories)
            .Where(f => !Path.GetFileName(f).Equals("README.md", StringComparison.OrdinalIgnoreCase))
            .Select(f => (Name: Path.GetRelativePath(Folder.Value!, f).Replace('\\', '/'), Raw: File.ReadAllBytes(f)))
            .OrderBy(m => m.Name, StringComparer.Ordinal).ToList();

    [GeneratedRegex(@"^[!-9;-~]+:")]
    private static partial Regex HeaderLine();

    [GeneratedRegex(@"@[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?")]
    private static partial Regex Domain();

    /// <summary>
    /// The message addressed to the desk (its To replaced) and sent from the council's domain (the
    /// domain of its From moved there); every other header and the body stay byte for byte. A message
    /// with no header block is delivered as it is.
    /// </summary>
    public static byte[] AddressedTo(string desk, byte[] raw)
    {
        var all = Encoding.Latin1.GetString(raw);
        // A byte-order mark, or an mbox "From " line, may come before the headers.
        var bom = all.StartsWith("\u00EF\u00BB\u00BF", StringComparison.Ordinal) ? all[..3] : "";
        var text = all[bom.Length..];
        if (!HeaderLine().IsMatch(text) && !text.StartsWith("From ", StringComparison.Ordinal)) return raw;
        var end = text.IndexOf("\n\n", StringComparison.Ordinal) is var lf and >= 0 ? lf + 1 : -1;
        var crlf = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (crlf >= 0 && (end < 0 || crlf < end)) end = crlf + 2;
        if (end < 0) end = text.Length;
        var newline = text.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";
        var lines = Regex.Split(text[..end], "(?<=\n)");
        var head = new StringBuilder(bom);
        if (text.StartsWith("From ", StringComparison.Ordinal))
        {
            head.Append(lines[0]);
            lines = lines[1..];
        }
        head.Append($"To: {desk}{newline}");
        var skipping = false;
        foreach (var line in lines.Where(l => l.Length > 0))
        {
            var continuation = line[0] is ' ' or '\t';
            if (continuation && skipping) continue;
            skipping = false;
            if (line.StartsWith("To:", StringComparison.OrdinalIgnoreCase))
            {
                skipping = true;
                continue;
            }
            head.Append(line.StartsWith("From:", StringComparison.OrdinalIgnoreCase) ? Domain().Replace(line, "@" + CouncilDomain) : line);
        }
        return Encoding.Latin1.GetBytes(head + text[end..]);
    }
}

/// <summary>
/// Every message of the shared corpus, delivered to a real Dovecot mailbox and read by the desk's
/// poll job: none is lost, none blocks the mailbox, none that is automatic is answered, and each
/// ends as its line in CorpusOutcomes.tsv says.
/// </summary>
public sealed class MailCorpusTests(MailServers servers) : IClassFixture<MailServers>
{
    private const string Table = "tests/ServiceDesk.Api.Tests/Mail/CorpusOutcomes.tsv";

    private static string TablePath()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, Table))) return Path.Combine(dir.FullName, Table);
        throw new FileNotFoundException($"No {Table} above {AppContext.BaseDirectory}.");
    }

    private static string Outcome(InboundStatus status) => status switch
    {
        InboundStatus.Ticketed => "ticket",
        InboundStatus.Appended => "reply",
        InboundStatus.Unmatched => "unmatched",
        InboundStatus.Automatic => "automatic",
        InboundStatus.Bounce => "bounce",
        InboundStatus.Failed => "failed",
        _ => status.ToString().ToLowerInvariant(),
    };

    [Fact]
    public async Task Every_corpus_message_ends_as_its_expected_outcome_and_no_automatic_mail_is_answered()
    {
        RealParts.Require(servers.Imap.Available, DovecotServer.DebianPackage, "The mail corpus test");
        RealParts.Require(servers.Smtp.Available, SmtpSink.DebianPackage, "The mail corpus test");
        if (!SharedMailCorpus.Available)
        {
            const string reason = "The shared mail corpus (../shared/mail-corpus, or SERVICEDESK_MAIL_CORPUS) is not there.";
            if (MissingPart.UnderCi) Assert.Fail(reason);
            Assert.Skip(reason);
        }
        var deskAddress = $"desk.{Guid.NewGuid():N}@sharedict.example";
        servers.Imap.AddUser(deskAddress, MailDeskFactory.DeskPassword);
        await using var desk = new MailDeskFactory(servers.Imap, servers.Smtp, deskAddress);

        var corpus = SharedMailCorpus.Messages().Select(m => (m.Name, Raw: SharedMailCorpus.AddressedTo(deskAddress, m.Raw))).ToList();
        Assert.True(corpus.Count >= 185, $"The corpus has {corpus.Count} messages.");
        await servers.Imap.AppendRawAsync(deskAddress, MailDeskFactory.DeskPassword, corpus.Select(m => m.Raw));

        // One poll reads them all: nothing blocks it, nothing stays behind.
        Assert.Equal(corpus.Count, await desk.PollAsync());
        Assert.Equal(0, await servers.Imap.CountAsync(deskAddress, MailDeskFactory.DeskPassword, "INBOX"));
        await desk.SendOutboxAsync();

        using var scope = desk.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ServiceDeskDbContext>();
        var records = await db.InboundMessages.AsNoTracking()
            .Select(m => new { m.MessageId, m.ContentHash, m.Status, m.Note, m.TicketId }).ToListAsync();
        var actual = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var automaticIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, raw) in corpus)
        {
            var hash = MailReader.ContentHashOf(raw);
            var record = records.FirstOrDefault(r => r.ContentHash == hash);
            Assert.True(record is not null, $"{name} was lost: no record of it.");
            if (record.Status == InboundStatus.Failed) Assert.False(string.IsNullOrWhiteSpace(record.Note), $"{name} failed with no reason.");
            if (record.Status == InboundStatus.Automatic) automaticIds.Add(record.MessageId);
            // A failure's reason is part of what is expected of it.
            actual[name] = record.Status == InboundStatus.Failed ? $"failed\t{record.Note}" : Outcome(record.Status);
        }

        // Automatic mail is never answered: no mail the desk wrote answers one.
        var ticketed = records.Where(r => r.Status is not InboundStatus.Automatic).Select(r => r.MessageId).ToHashSet(StringComparer.Ordinal);
        var answers = await db.Notifications.AsNoTracking().Where(n => n.InReplyTo != null).Select(n => n.InReplyTo!).ToListAsync();
        Assert.DoesNotContain(answers, a => automaticIds.Contains(a) && !ticketed.Contains(a));
        Assert.DoesNotContain(servers.Smtp.Messages(), m => m.InReplyTo is { } answered && automaticIds.Contains(answered) && !ticketed.Contains(answered));

        var table = string.Join('\n', actual.Select(kv => $"{kv.Key}\t{kv.Value}")) + "\n";
        if (Environment.GetEnvironmentVariable("SERVICEDESK_WRITE_CORPUS_OUTCOMES") == "1")
            await File.WriteAllTextAsync(TablePath(), "# file\toutcome (ticket, reply, unmatched, automatic, bounce, or failed and its reason)\n" + table);
        var expected = File.ReadAllLines(TablePath()).Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split('\t', 2)).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
        var differences = actual.Where(kv => !expected.TryGetValue(kv.Key, out var e) || e != kv.Value)
            .Select(kv => $"{kv.Key}: expected {expected.GetValueOrDefault(kv.Key, "(not in the table)")}, was {kv.Value}")
            .Concat(expected.Keys.Where(k => !actual.ContainsKey(k)).Select(k => $"{k}: in the table, not in the corpus"))
            .ToList();
        Assert.True(differences.Count == 0, "Outcomes changed:\n" + string.Join('\n', differences));
    }
}
