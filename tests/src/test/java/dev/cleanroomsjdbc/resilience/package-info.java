/**
 * Specs for promises kept under load, faults and stops: quota turns, starts never doubled, no job orphaned by
 * interrupt, close or JVM exit. They run once, against the driver's classes (surefire): they take a while, and
 * what they exercise does not change in the self-contained jar.
 */
package dev.cleanroomsjdbc.resilience;
