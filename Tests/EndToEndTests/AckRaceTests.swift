import Foundation
import Testing

/// "Two concurrent acks of one alert both succeed": real `vaultwatch ack` processes racing.
@Suite(.serialized) struct AckRaceTests {
    @Test func ofFourAckersOfOneAlertExactlyOneWinsAndTheOthersAreToldWhoAndWhen() throws {
        let fixture = try StoreFixture()
        // The demo raises a handful of alerts on its first sync; race on each, four ackers at a time.
        let ids = try fixture.alertIds()
        #expect(ids.count >= 3)
        let vaultwatch = try Built.vaultwatch.path
        var rounds = 0
        for id in ids {
            let racers = try (0..<4).map { n in
                let out = fixture.dir.appendingPathComponent("racer\(n).out").path
                let err = fixture.dir.appendingPathComponent("racer\(n).err").path
                let pid = try Shell.spawn(
                    vaultwatch, ["ack", id, "--by", "racer-\(n)", "--note", "race \(n)", "--store", fixture.store.path],
                    stdout: out, stderr: err)
                return (pid: pid, out: out, err: err, n: n)
            }
            let outcomes = racers.map { racer in
                (status: Shell.wait(racer.pid), stdout: (try? String(contentsOfFile: racer.out, encoding: .utf8)) ?? "",
                 stderr: (try? String(contentsOfFile: racer.err, encoding: .utf8)) ?? "", n: racer.n)
            }
            let winners = outcomes.filter { $0.status == 0 }
            #expect(winners.count == 1, "\(outcomes)")
            guard let winner = winners.first else { continue }
            #expect(winner.stdout.hasPrefix("acknowledged \(id) as racer-\(winner.n) at "))
            for loser in outcomes where loser.status != 0 {
                #expect(loser.status >> 8 == 1)
                #expect(loser.stderr.contains("alert \(id) was already acknowledged by racer-\(winner.n) at "), "\(loser.stderr)")
            }
            rounds += 1
        }
        // One line per alert in acks.jsonl, and the store verifies.
        let acks = try String(contentsOf: fixture.file("acks.jsonl"), encoding: .utf8).split(separator: "\n")
        #expect(acks.count == rounds)
        let verified = try fixture.run(["store", "verify"])
        #expect(verified.status == 0, "\(verified.stdout)")
        #expect(verified.stdout.contains("acks.jsonl: intact, \(rounds) lines; digest "), "\(verified.stdout)")
        #expect(!verified.stdout.contains("not yet covered"), "each acknowledgement is covered by a digest: \(verified.stdout)")
    }
}
