# Writes the completion script for one shell with the built binary (`chipgate completion SHELL`,
# src/cli/completion.cc). Run by the `chipgate_completions` target:
#   cmake -DCHIPGATE=<binary> -DSHELL_NAME=bash|zsh|fish -DOUT=<file> -P completion.cmake
get_filename_component(dir ${OUT} DIRECTORY)
file(MAKE_DIRECTORY ${dir})
execute_process(COMMAND ${CHIPGATE} completion ${SHELL_NAME} OUTPUT_FILE ${OUT}.tmp RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  file(REMOVE ${OUT}.tmp)
  message(FATAL_ERROR "chipgate completion ${SHELL_NAME} failed (${rc})")
endif()
file(RENAME ${OUT}.tmp ${OUT})
