import Foundation
import SOCPlanCore
import Testing

@Suite("Work side by side")
struct ConcurrentlyTests {
    @Test("a pipeline takes every value sent, in order, on the calling thread, then gives the result")
    func pipeline() {
        // Given a producer sending 1,000 numbers, at most two waiting at a time
        let caller = Thread.current
        var taken: [Int] = []
        var onCaller = true
        // When the calling thread takes them
        let result = Concurrently.pipeline(
            limit: 2,
            { send in
                for number in 0..<1_000 { send(number) }
                return "done"
            }
        ) { number in
            taken.append(number)
            onCaller = onCaller && Thread.current == caller
        }
        // Then it took them all, in order, on itself, and has the producer's result
        #expect(taken == Array(0..<1_000))
        #expect(onCaller)
        #expect(result == "done")
    }

    @Test("a handover gives its value once")
    func handover() {
        let handover = Handover([1, 2, 3])
        #expect(handover.take() == [1, 2, 3])
    }
}
