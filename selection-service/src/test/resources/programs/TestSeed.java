public class TestSeed {
    // a stand-in seed program for selection tests: selection never compiles it
}
