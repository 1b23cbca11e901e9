using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;

namespace Nestor.Labelling.Store;

/// <summary>
/// The SQLite label store: one row per request (key = <see cref="LabelKey"/>) with status, attempts, timings,
/// failure class and message, raw file paths and, when done, the label itself (energy, forces, virial, stress
/// stored as exact doubles). Finished labels are never recomputed; after a kill, <see cref="ResetInterrupted"/>
/// returns requests left "running" to "pending". Thread-safe (one connection, serialised).
/// </summary>
public sealed class LabelStore : IDisposable
{
    private readonly SqliteConnection _db;
    private readonly Lock _lock = new();

    /// <summary>Opens (creating when needed) the store at <paramref name="path"/>.</summary>
    public LabelStore(string path)
    {
        Path = System.IO.Path.GetFullPath(path);
        var dir = System.IO.Path.GetDirectoryName(Path);
        if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
        _db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path, Pooling = false }.ToString());
        _db.Open();
        Exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=10000;");
        Exec("""
            CREATE TABLE IF NOT EXISTS labels(
              key TEXT PRIMARY KEY, labeller TEXT NOT NULL, settings TEXT NOT NULL, formula TEXT NOT NULL,
              status TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0, failure TEXT NOT NULL DEFAULT 'None',
              message TEXT NOT NULL DEFAULT '', created TEXT NOT NULL, started TEXT, finished TEXT,
              seconds REAL NOT NULL DEFAULT 0, work_dir TEXT, raw_files TEXT NOT NULL DEFAULT '',
              energy REAL, forces BLOB, virial BLOB, stress BLOB, source TEXT, job_id TEXT);
            """);
    }

    /// <summary>Full path of the database file.</summary>
    public string Path { get; }

    /// <summary>Adds a pending request unless the key is already known; returns true when added.</summary>
    public bool Ensure(string key, string labeller, string settings, string formula)
    {
        lock (_lock)
            return Exec("INSERT OR IGNORE INTO labels(key, labeller, settings, formula, status, created) VALUES($k,$l,$s,$f,'Pending',$c)",
                ("$k", key), ("$l", labeller), ("$s", settings), ("$f", formula), ("$c", Now())) > 0;
    }

    /// <summary>
    /// Marks a request running in <paramref name="workDirectory"/>: attempts + 1, unless it is the same batch job
    /// re-attached after a restart (same <paramref name="jobId"/>).
    /// </summary>
    public void MarkRunning(string key, string workDirectory, string? jobId = null)
    {
        lock (_lock)
            Require(Exec("""
                UPDATE labels SET status='Running', work_dir=$w,
                  attempts=attempts + (CASE WHEN $j IS NOT NULL AND job_id IS $j THEN 0 ELSE 1 END),
                  started=(CASE WHEN $j IS NOT NULL AND job_id IS $j THEN started ELSE $t END), job_id=$j WHERE key=$k
                """,
                ("$k", key), ("$t", Now()), ("$w", workDirectory), ("$j", jobId)), key);
    }

    /// <summary>Records the outcome: Done with the label, or Failed with its class and message.</summary>
    public void Finish(string key, LabelResult result, double seconds)
    {
        lock (_lock)
        {
            var l = result.Label;
            Require(Exec("""
                UPDATE labels SET status=$st, failure=$fc, message=$m, finished=$t, seconds=$sec, raw_files=$raw,
                  energy=$e, forces=$f, virial=$v, stress=$s, source=$src WHERE key=$k
                """,
                ("$k", key), ("$st", (l is null ? LabelStatus.Failed : LabelStatus.Done).ToString()), ("$fc", result.Failure.ToString()),
                ("$m", result.Message), ("$t", Now()), ("$sec", seconds), ("$raw", string.Join('\n', result.RawFiles)),
                ("$e", l?.Energy), ("$f", l is null ? null : Bytes(l.Forces)), ("$v", l is null ? null : Bytes(l.Virial)),
                ("$s", l is null ? null : Bytes(l.Stress)), ("$src", l?.Source)), key);
        }
    }

    /// <summary>Returns every "running" request to "pending" (their local jobs died with the previous process); returns how many.</summary>
    public int ResetInterrupted()
    {
        lock (_lock) return Exec("UPDATE labels SET status='Pending' WHERE status='Running'");
    }

    /// <summary>Returns failed requests to pending so they are tried again; returns how many.</summary>
    public int ResetFailed()
    {
        lock (_lock) return Exec("UPDATE labels SET status='Pending', failure='None', message='' WHERE status='Failed'");
    }

    /// <summary>The record of <paramref name="key"/>, or null when unknown.</summary>
    public LabelRecord? Get(string key)
    {
        lock (_lock)
        {
            using var cmd = _db.CreateCommand();
            cmd.CommandText = "SELECT key, labeller, status, attempts, failure, message, started, finished, seconds, work_dir, raw_files, energy, forces, virial, stress, source, job_id FROM labels WHERE key=$k";
            cmd.Parameters.AddWithValue("$k", key);
            using var r = cmd.ExecuteReader();
            if (!r.Read()) return null;
            DftLabel? label = null;
            if (!r.IsDBNull(11))
                label = new DftLabel(r.GetDouble(11), Doubles((byte[])r[12]), Doubles((byte[])r[13]), Doubles((byte[])r[14]), r.GetString(15));
            string raw = r.GetString(10);
            return new LabelRecord(r.GetString(0), r.GetString(1), Enum.Parse<LabelStatus>(r.GetString(2)), r.GetInt32(3),
                Enum.Parse<FailureClass>(r.GetString(4)), r.GetString(5), Time(r, 6), Time(r, 7), r.GetDouble(8),
                r.IsDBNull(9) ? null : r.GetString(9), raw.Length == 0 ? [] : raw.Split('\n'), label, r.IsDBNull(16) ? null : r.GetString(16));
        }
    }

    /// <summary>Number of requests in each status.</summary>
    public Dictionary<LabelStatus, int> Counts()
    {
        lock (_lock)
        {
            var d = Enum.GetValues<LabelStatus>().ToDictionary(s => s, _ => 0);
            using var cmd = _db.CreateCommand();
            cmd.CommandText = "SELECT status, COUNT(*) FROM labels GROUP BY status";
            using var r = cmd.ExecuteReader();
            while (r.Read()) d[Enum.Parse<LabelStatus>(r.GetString(0))] = r.GetInt32(1);
            return d;
        }
    }

    /// <summary>Failed requests per failure class.</summary>
    public Dictionary<FailureClass, int> FailuresByClass()
    {
        lock (_lock)
        {
            var d = new Dictionary<FailureClass, int>();
            using var cmd = _db.CreateCommand();
            cmd.CommandText = "SELECT failure, COUNT(*) FROM labels WHERE status='Failed' GROUP BY failure";
            using var r = cmd.ExecuteReader();
            while (r.Read()) d[Enum.Parse<FailureClass>(r.GetString(0))] = r.GetInt32(1);
            return d;
        }
    }

    /// <summary>Mean seconds of the finished labels, or null when none finished.</summary>
    public double? MeanSecondsDone()
    {
        lock (_lock)
        {
            using var cmd = _db.CreateCommand();
            cmd.CommandText = "SELECT AVG(seconds) FROM labels WHERE status='Done'";
            var v = cmd.ExecuteScalar();
            return v is double d ? d : null;
        }
    }

    public void Dispose() => _db.Dispose();

    private int Exec(string sql, params (string Name, object? Value)[] ps)
    {
        using var cmd = _db.CreateCommand();
        cmd.CommandText = sql;
        foreach (var (n, v) in ps) cmd.Parameters.AddWithValue(n, v ?? DBNull.Value);
        return cmd.ExecuteNonQuery();
    }

    private static void Require(int rows, string key)
    {
        if (rows != 1) throw new InvalidOperationException($"label store: unknown request {key}");
    }

    private static string Now() => DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture);

    private static DateTimeOffset? Time(SqliteDataReader r, int i) =>
        r.IsDBNull(i) ? null : DateTimeOffset.Parse(r.GetString(i), CultureInfo.InvariantCulture);

    private static byte[] Bytes(double[] x) => MemoryMarshal.AsBytes(x.AsSpan()).ToArray();

    private static double[] Doubles(byte[] b) => MemoryMarshal.Cast<byte, double>(b).ToArray();
}
