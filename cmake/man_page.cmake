# Writes the man page chipgate(1) with the built binary: `chipgate help --man` prints it from the
# command table and the help texts (src/cli/help_text.cc). Run by the `chipgate_man` target:
#   cmake -DCHIPGATE=<binary> -DOUT=<file> -P man_page.cmake
execute_process(COMMAND ${CHIPGATE} help --man OUTPUT_FILE ${OUT}.tmp RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  file(REMOVE ${OUT}.tmp)
  message(FATAL_ERROR "chipgate help --man failed (${rc})")
endif()
file(RENAME ${OUT}.tmp ${OUT})
