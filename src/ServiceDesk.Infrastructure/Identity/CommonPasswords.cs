using System.Text.Json;

namespace ServiceDesk.Infrastructure.Identity;

/// <summary>
/// Passwords too common to allow: the password dictionary of the npm package
/// @zxcvbn-ts/language-common, restored by the build and shipped beside the application. Loaded
/// once at start; compared without regard to case.
/// </summary>
public sealed class CommonPasswords
{
    public const string FileName = "common-passwords.json";

    private readonly HashSet<string> _passwords;

    public CommonPasswords(IEnumerable<string> passwords) => _passwords = new(passwords, StringComparer.OrdinalIgnoreCase);

    public int Count => _passwords.Count;

    public bool Contains(string password) => _passwords.Contains(password);

    /// <summary>Reads the list (a JSON array of strings); a missing or short file stops the desk with a clear message.</summary>
    public static CommonPasswords Load(string path)
    {
        if (!File.Exists(path))
            throw new InvalidOperationException(
                $"The list of common passwords ({FileName}) is missing beside the application: build the web project, which restores it from npm (@zxcvbn-ts/language-common).");
        using var stream = File.OpenRead(path);
        var list = JsonSerializer.Deserialize<List<string>>(stream) ?? [];
        if (list.Count < 10_000)
            throw new InvalidOperationException($"The list of common passwords ({FileName}) has only {list.Count} entries; expected at least 10,000.");
        return new CommonPasswords(list);
    }
}
