package io.github.netroute.routing.testsupport;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a JUnit test class or method that needs the real kernel: tagged {@value RealKernel#TAG} and skipped,
 * with the reason, unless {@link RealKernel#skipReason()} is null.
 *
 * <pre>{@code
 * @RealKernelTest
 * class BatchKernelTest { ... }
 * }</pre>
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Tag(RealKernel.TAG)
@ExtendWith(RealKernel.class)
public @interface RealKernelTest {}
