# Installs the build into a scratch prefix and checks the documented layout:
# include/rcp/*.h, include/RemoteCommunicationKit/rcp.h and lib/librcp.so.
# Run as: cmake -DBUILD_DIR=<build> -DPREFIX=<scratch> -P check_install.cmake
file(REMOVE_RECURSE ${PREFIX})
execute_process(COMMAND ${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${PREFIX} RESULT_VARIABLE result OUTPUT_QUIET)
if(NOT result EQUAL 0)
  message(FATAL_ERROR "cmake --install failed: ${result}")
endif()
include(GNUInstallDirs)
foreach(expected
    include/rcp/rcp.h
    include/rcp/rcp_types.h
    include/RemoteCommunicationKit/rcp.h
    ${CMAKE_INSTALL_LIBDIR}/librcp.so)
  if(NOT EXISTS ${PREFIX}/${expected})
    message(FATAL_ERROR "missing after install: ${expected}")
  endif()
endforeach()
message(STATUS "install layout OK")
