using System.Diagnostics;
using Nestor.Labelling.Executors;

namespace Nestor.Cli.Tests.Commands;

/// <summary>
/// A private single-node Slurm cluster for the tests (engines.md section 3): its own slurm.conf in a temporary
/// directory (SLURM_CONF), ports 6917/6918, no accounting. Started as root without systemd; munged is started when
/// not already running. Skips with a reason when Slurm or root is missing. Stopped with scontrol shutdown.
/// </summary>
public sealed class SlurmTestCluster : IDisposable
{
    public string? SkipReason { get; }
    public string Dir { get; } = Path.Combine("/tmp", "nestor-slurm-" + Guid.NewGuid().ToString("N")[..6]);
    public string Conf => Path.Combine(Dir, "slurm.conf");
    private bool _started;
    private FileStream? _machineLock;

    public SlurmTestCluster()
    {
        // one test cluster per machine at a time: it uses fixed ports, and two test runs at once would steal each
        // other's jobs (seen as spurious resubmissions); a second run waits here for the first to finish
        _machineLock = AcquireMachineLock(TimeSpan.FromMinutes(10));
        foreach (var p in new[] { "/usr/sbin/slurmctld", "/usr/sbin/slurmd", "/usr/sbin/munged" })
            if (!File.Exists(p)) { SkipReason = $"{p} not installed (apt-get install slurmctld slurmd slurm-client munge)"; return; }
        if (ProcessRunner.Which("sbatch") is null) { SkipReason = "sbatch not installed (slurm-client)"; return; }
        if (Environment.UserName != "root") { SkipReason = "the test Slurm cluster is started as root"; return; }
        Directory.CreateDirectory(Path.Combine(Dir, "ctld"));
        Directory.CreateDirectory(Path.Combine(Dir, "d"));
        string host = Sh("hostname -s").Trim();
        File.WriteAllText(Conf, $"""
            ClusterName=nestortest
            SlurmctldHost={host}
            SlurmUser=root
            SlurmdUser=root
            AuthType=auth/munge
            MpiDefault=none
            ProctrackType=proctrack/pgid
            TaskPlugin=task/none
            SchedulerType=sched/backfill
            SelectType=select/cons_tres
            SelectTypeParameters=CR_Core
            ReturnToService=2
            StateSaveLocation={Dir}/ctld
            SlurmdSpoolDir={Dir}/d
            SlurmctldPidFile={Dir}/ctld.pid
            SlurmdPidFile={Dir}/d.pid
            SlurmctldLogFile={Dir}/ctld.log
            SlurmdLogFile={Dir}/d.log
            SlurmctldPort=6917
            SlurmdPort=6918
            AccountingStorageType=accounting_storage/none
            JobAcctGatherType=jobacct_gather/none
            JobCompType=jobcomp/none
            MinJobAge=300
            MaxArraySize=1001
            MailProg=/bin/true
            NodeName={host} NodeAddr=127.0.0.1 CPUs={Environment.ProcessorCount} RealMemory=1000 State=UNKNOWN
            PartitionName=main Nodes={host} Default=YES MaxTime=INFINITE State=UP

            """);
        if (!Sh("munge -n | unmunge >/dev/null 2>&1 && echo ok").Contains("ok", StringComparison.Ordinal))
            Sh("mkdir -p /run/munge && chown munge:munge /run/munge && runuser -u munge -- /usr/sbin/munged; sleep 0.5");
        Sh($"SLURM_CONF={Conf} /usr/sbin/slurmctld && SLURM_CONF={Conf} /usr/sbin/slurmd");
        _started = true;
        var sw = Stopwatch.StartNew();
        while (sw.Elapsed < TimeSpan.FromSeconds(30))
        {
            if (Sh($"SLURM_CONF={Conf} sinfo -h -o %T").Trim() == "idle") return;
            Thread.Sleep(300);
        }
        SkipReason = $"the test Slurm node did not become idle (see {Dir}/*.log)";
    }

    public void Require() => Skip.If(SkipReason is not null, SkipReason);

    private static string Sh(string command)
    {
        var psi = new ProcessStartInfo("/bin/bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add(command);
        using var p = Process.Start(psi)!;
        var err = p.StandardError.ReadToEndAsync();
        string o = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        _ = err.Result;
        return o;
    }

    public void Dispose()
    {
        if (_started) Sh($"SLURM_CONF={Conf} scontrol shutdown >/dev/null 2>&1; sleep 1");
        try { Directory.Delete(Dir, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        _machineLock?.Dispose();
        _machineLock = null;
    }

    private static FileStream? AcquireMachineLock(TimeSpan wait)
    {
        var deadline = DateTime.UtcNow + wait;
        while (true)
        {
            try
            {
                return new FileStream(Path.Combine(Path.GetTempPath(), "nestor-slurm-test.lock"), FileMode.OpenOrCreate,
                    FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(500);
            }
        }
    }
}
