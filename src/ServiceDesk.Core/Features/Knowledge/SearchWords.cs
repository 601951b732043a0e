using System.Text.RegularExpressions;

namespace ServiceDesk.Core.Features.Knowledge;

/// <summary>
/// Turns what someone typed into the words a full-text search looks for: letters and digits only
/// (so nothing typed is ever search syntax), common English words left out, and a word that matches
/// nothing in the index corrected to the nearest indexed term within a small edit distance, so
/// "outlok" finds Outlook.
/// </summary>
public static partial class SearchWords
{
    public const int MaxWords = 12;

    // Words so common that they match every article and say nothing about the problem.
    private static readonly HashSet<string> Common = new(StringComparer.Ordinal)
    {
        "a", "an", "and", "are", "as", "at", "be", "been", "but", "by", "can", "cannot", "cant", "could", "did", "do", "does",
        "doesn", "dont", "for", "from", "get", "got", "had", "has", "have", "how", "i", "if", "im", "in", "into", "is", "isn",
        "it", "its", "just", "me", "my", "no", "not", "of", "on", "or", "our", "so", "some", "that", "the", "their", "them",
        "then", "there", "this", "to", "up", "was", "we", "were", "what", "when", "where", "which", "while", "who", "why",
        "will", "with", "won", "work", "working", "works", "would", "you", "your", "help", "please", "thanks", "still", "any",
        "all", "am", "again", "also", "after", "before", "about", "keeps", "keep", "trying", "tried", "try", "using", "use",
    };

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex Word();

    /// <summary>The distinct searchable words of the text, in the order typed, at most <see cref="MaxWords"/>.</summary>
    public static IReadOnlyList<string> Of(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return [];
        return Word().Matches(text.ToLowerInvariant())
            .Select(m => m.Value)
            .Where(w => w.Length > 1 && w.Length <= 40 && !Common.Contains(w))
            .Distinct()
            .Take(MaxWords)
            .ToList();
    }

    /// <summary>
    /// For each word the index does not know (as a term or the start of one), the
    /// nearest indexed term: at most one edit for words of 4 to 7 letters, two for longer ones.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Corrections(IReadOnlyList<string> words, IReadOnlyCollection<string> terms)
    {
        var corrections = new Dictionary<string, string>();
        foreach (var word in words)
        {
            if (word.Length < 4 || word.All(char.IsDigit) || Known(word, terms)) continue;
            var allowed = word.Length >= 8 ? 2 : 1;
            string? best = null;
            var bestDistance = int.MaxValue;
            foreach (var term in terms)
            {
                if (Math.Abs(term.Length - word.Length) > allowed) continue;
                var distance = Quickenshtein.Levenshtein.GetDistance(word, term);
                if (distance > allowed) continue;
                if (distance < bestDistance || distance == bestDistance && string.CompareOrdinal(term, best) < 0)
                    (best, bestDistance) = (term, distance);
            }
            if (best is not null) corrections[word] = best;
        }
        return corrections;
    }

    // The search matches prefixes, so a word that starts an indexed term finds it. A word the index
    // stores stemmed ("printing" as "print") is stemmed by the search too; a near term only adds to it.
    private static bool Known(string word, IReadOnlyCollection<string> terms) =>
        terms.Any(t => t.StartsWith(word, StringComparison.Ordinal));
}
